import { ValidationFailedError } from '../../../common/errors/domain-errors';
import { AGENT_CONFIG_TOOL, type EffectiveAgentConfig, needsApproval, READ_CONFIG_ACTION } from '../../agent-config/agent-config.types';
import { Agent } from '../../agents/agent.decorator';
import { RUN_QUEUES } from '../../agents/agent-queues';
import type { AgentHandler, AgentRunContext, RunUsageSoFar } from '../../agents/agent.types';
import type { ApprovalDecision } from '../../agents/run-waits';
import type { RecipientsOutput, SuppressedOutput } from '../../audience/audience.tool';
import { normalizeAddress } from '../../audience/channel-address';
import { derivedUuid } from '../derived-id';
import { type EmailConnector, isEmailConnector } from '../email-connectors';
import type { EmailSenderOutput, EmailSourceOutput } from '../email.tool';
import { EMAIL_SEND_AGENT, type EmailSendInput } from '../send/email-send.input';
import { EmailDraft, EmailDraftWithVariant } from './email-draft.dto';
import { applyEdits } from './email-edits';
import { EmailComposeInput, MAX_RECIPIENTS, MAX_SENDS } from './email-compose.input';
import { cleanBody, cleanSubject, type ComposedStep, sendTimes, unsubscribeFooter, unsubscribeUrlOf, variantOf, withFooter } from './email-plan';
import { type EmailMaterial, instructions, promptOf, type VoiceGuide } from './email-prompt';
import { SequenceWrites } from './sequence-writes';

export const EMAIL_AGENT = 'email';
const DEFAULT_DELAY_DAYS = 3;
/** Addresses shown to the reviewer; the count says how many there are in all. */
const REVIEW_SAMPLE = 20;

export interface EmailComposeOutput {
  /** QUEUED: the sends started; REJECTED or EXPIRED: the reviewer declined (nothing sent); NOTHING_TO_SEND: every recipient is suppressed. */
  status: 'QUEUED' | 'REJECTED' | 'EXPIRED' | 'NOTHING_TO_SEND';
  sequenceId: string | null;
  connector: EmailConnector;
  /** Each step's subject (the A subject of an A/B test). */
  subjects: string[];
  subjectB: string | null;
  abTestId: string | null;
  /** Who the sends go (or would have gone) to. */
  recipients: string[];
  /** Left out: suppressed (unsubscribed, bounced, opted out). */
  suppressed: string[];
  /** One email-send run per recipient per step. */
  sendRunIds: string[];
  approval: { decision: ApprovalDecision['decision']; reviewer: string | null; decidedAt: string; edited: boolean } | null;
  usage: RunUsageSoFar;
}

/**
 * Writes an email, or a sequence of them, for a campaign's recipients in a brand's voice, asks a
 * person (unless the organization's configuration lets it send without), and hands each approved
 * send to its own email-send run: one per recipient per step, later steps delayed. Every read that
 * decides what is sent (configuration, campaign and content, recipients, suppressions, the
 * drafts, the decision) is a recorded step, so a resumed run sends exactly what was approved.
 */
@Agent({
  name: EMAIL_AGENT,
  kind: 'EMAIL',
  description: "Writes a campaign email or sequence in the brand's voice (A/B subjects on demand), leaves out suppressed recipients, asks for approval, then queues one send per recipient and step",
  input: EmailComposeInput,
  tools: [`${AGENT_CONFIG_TOOL}.${READ_CONFIG_ACTION}`, 'email.source', 'email.sender', 'brand.voice', 'audience.recipients', 'audience.suppressed', 'llm.generate', 'runs.start'],
  writes: ['email.send'],
  queue: RUN_QUEUES.emailCompose,
  starts: [EMAIL_SEND_AGENT],
})
export class EmailComposeAgent implements AgentHandler<EmailComposeInput, EmailComposeOutput> {
  constructor(private readonly writes: SequenceWrites) {}

  async check(input: EmailComposeInput): Promise<void> {
    if (!input.brief && !input.contentId) throw new ValidationFailedError(['input.brief', 'input.contentId'], 'invalid input for agent email: brief or contentId is required');
    if ((input.recipients === undefined) === (input.leadStatus === undefined)) {
      throw new ValidationFailedError(['input.recipients', 'input.leadStatus'], 'invalid input for agent email: give either recipients or leadStatus');
    }
  }

  async run(input: EmailComposeInput, context: AgentRunContext): Promise<EmailComposeOutput> {
    const config = await context.tools.call<EffectiveAgentConfig>(AGENT_CONFIG_TOOL, READ_CONFIG_ACTION, { agent: EMAIL_AGENT });
    const source: EmailSourceOutput =
      input.campaignId || input.contentId ? await context.tools.call('email', 'source', { ...(input.campaignId ? { campaignId: input.campaignId } : {}), ...(input.contentId ? { contentId: input.contentId } : {}) }) : { campaign: null, content: null };
    const connector = await this.connectorOf(config, context);
    const stepCount = input.sequence?.steps ?? 1;
    const recipients = await this.recipientsOf(input, stepCount, context);
    // No lead in the status: nothing to check.
    const { suppressed, checkedAt } = recipients.length > 0 ? await context.tools.call<SuppressedOutput>('audience', 'suppressed', { channel: 'EMAIL', addresses: recipients }) : { suppressed: [], checkedAt: '' };
    const left = new Set(suppressed);
    const sendable = recipients.filter((address) => !left.has(address));
    const campaignId = input.campaignId ?? source.content?.campaignId ?? null;
    const base = { connector, recipients: sendable, suppressed, sendRunIds: [], subjectB: null, abTestId: null };
    if (sendable.length === 0) {
      context.onCommit(() => this.writes.nothingToSend(context.organizationId, campaignId, context.runId, suppressed.length));
      return { ...base, status: 'NOTHING_TO_SEND', sequenceId: null, subjects: [], approval: null, usage: context.usage() };
    }

    const brandId = input.brandId ?? config.brandId ?? source.campaign?.brandId ?? source.content?.brandId ?? null;
    const voice = brandId ? await context.tools.call<VoiceGuide>('brand', 'voice', { brandId }) : null;
    const abTest = input.abTestSubjects === true && sendable.length >= 2;
    const material = { brief: input.brief, campaign: source.campaign, content: source.content };
    const drafts = await this.draft(material, { steps: stepCount, delayDays: input.sequence?.delayDays ?? DEFAULT_DELAY_DAYS, abTest, voice, config }, context);

    const sequenceId = derivedUuid(context.runId, 'email-sequence');
    const abTestId = abTest ? derivedUuid(context.runId, 'ab-test') : null;
    const name = cleanSubject(source.campaign?.name ?? source.content?.title ?? drafts[0].subject);
    const unsubscribeUrl = unsubscribeUrlOf(config.settings);
    let steps = drafts;
    let startAt = new Date(checkedAt);
    let approval: EmailComposeOutput['approval'] = null;
    if (needsApproval(config, 'email.send', sendable.length)) {
      const decision = await context.approval.request({
        title: `Send "${drafts[0].subject}" to ${sendable.length} recipient(s)${drafts.length > 1 ? ` (${drafts.length} emails)` : ''}`,
        summary: `${sendable.length} recipient(s) through ${connector}${suppressed.length ? `; ${suppressed.length} suppressed address(es) left out` : ''}. Edit subject, body, subjectB or steps[i].subject/body before approving.`,
        payload: { connector, recipientCount: sendable.length, recipients: sendable.slice(0, REVIEW_SAMPLE), suppressedCount: suppressed.length, subject: drafts[0].subject, body: drafts[0].body, ...(abTest ? { subjectB: drafts[0].subjectB } : {}), footer: unsubscribeFooter('<recipient>', unsubscribeUrl), steps: drafts },
        expiresInMs: input.approvalExpiresInMs,
      });
      const edited = decision.approved ? await applyEdits(drafts, decision.edits) : { steps: drafts, edited: false };
      steps = edited.steps;
      startAt = new Date(decision.decidedAt);
      approval = { decision: decision.decision, reviewer: decision.reviewer, decidedAt: decision.decidedAt, edited: edited.edited };
      if (!decision.approved) {
        const outcome = { organizationId: context.organizationId, runId: context.runId, sequenceId, campaignId, name, status: 'CANCELLED' as const, steps: steps.map((s) => ({ ...s, sendAt: null })), abTest: null, sendRunIds: [], connector, suppressed };
        context.onCommit(() => this.writes.write(outcome));
        return { ...base, status: decision.decision === 'expired' ? 'EXPIRED' : 'REJECTED', sequenceId, subjects: steps.map((s) => s.subject), approval, usage: context.usage() };
      }
    }

    const times = sendTimes(startAt, steps);
    const sendRunIds: string[] = [];
    for (const [index, step] of steps.entries()) {
      for (const [place, to] of sendable.entries()) {
        const subject = step.subjectB !== undefined && variantOf(place) === 'B' ? step.subjectB : step.subject;
        const send: EmailSendInput = { sequenceId, step: step.step, to, subject, body: withFooter(step.body, to, unsubscribeUrl), connector, ...(campaignId ? { campaignId } : {}) };
        const started = await context.tools.call<{ runId: string }>('runs', 'start', { agent: EMAIL_SEND_AGENT, input: { ...send }, ...(times[index] ? { runAt: times[index].toISOString() } : {}) });
        sendRunIds.push(started.runId);
      }
    }
    const variants = steps[0].subjectB !== undefined ? variantsOf(steps[0], sendable.length) : null;
    const outcome = {
      organizationId: context.organizationId,
      runId: context.runId,
      sequenceId,
      campaignId,
      name,
      status: 'ACTIVE' as const,
      steps: steps.map((s, i) => ({ ...s, sendAt: (times[i] ?? startAt).toISOString() })),
      abTest: abTestId && variants ? { id: abTestId, variants } : null,
      sendRunIds,
      connector,
      suppressed,
    };
    context.onCommit(() => this.writes.write(outcome));
    return { ...base, status: 'QUEUED', sequenceId, subjects: steps.map((s) => s.subject), subjectB: steps[0].subjectB ?? null, abTestId: outcome.abTest?.id ?? null, sendRunIds, approval, usage: context.usage() };
  }

  /** The configured connector, else the first email connector the organization connected (email.sender says which and why). */
  private async connectorOf(config: EffectiveAgentConfig, context: AgentRunContext): Promise<EmailConnector> {
    const configured = config.connections.email;
    if (configured !== undefined) {
      if (!isEmailConnector(configured)) throw new ValidationFailedError(['connections.email'], `the email agent's configuration names connector ${configured}, which cannot send email (gmail, outlook or smtp)`);
      return configured;
    }
    return (await context.tools.call<EmailSenderOutput>('email', 'sender', {})).connector;
  }

  /** Normalized and without repeats, in the order given; from the leads in a status when no list is given. */
  private async recipientsOf(input: EmailComposeInput, steps: number, context: AgentRunContext): Promise<string[]> {
    const listed = input.recipients
      ? input.recipients.map((address, i) => normalizeAddress('EMAIL', address, `input.recipients[${i}]`))
      : (await context.tools.call<RecipientsOutput>('audience', 'recipients', { channel: 'EMAIL', status: input.leadStatus, limit: Math.min(MAX_RECIPIENTS, Math.floor(MAX_SENDS / steps)) })).addresses;
    return [...new Set(listed)];
  }

  /** One model call per step; the first also writes the B subject of an A/B test. */
  private async draft(material: EmailMaterial, plan: { steps: number; delayDays: number; abTest: boolean; voice: VoiceGuide | null; config: EffectiveAgentConfig }, context: AgentRunContext): Promise<ComposedStep[]> {
    const drafts: ComposedStep[] = [];
    for (let step = 1; step <= plan.steps; step++) {
      const variant = plan.abTest && step === 1;
      const request = {
        system: instructions(plan.voice, plan.config.promptHints, variant),
        prompt: promptOf(material, step, plan.steps, plan.delayDays),
        maxOutputTokens: 2_000,
        ...(plan.config.temperature !== null ? { temperature: plan.config.temperature } : {}),
      };
      const { object } = variant ? await context.model.generateObject(EmailDraftWithVariant, request) : await context.model.generateObject(EmailDraft, request);
      drafts.push({
        step,
        subject: cleanSubject(object.subject),
        ...(object instanceof EmailDraftWithVariant ? { subjectB: cleanSubject(object.subjectB) } : {}),
        body: cleanBody(object.body),
        delayDays: step === 1 ? 0 : plan.delayDays,
      });
    }
    return drafts;
  }
}

function variantsOf(first: ComposedStep, recipients: number): Array<{ key: 'A' | 'B'; subject: string; recipients: number }> {
  const b = Math.floor(recipients / 2);
  return [
    { key: 'A', subject: first.subject, recipients: recipients - b },
    { key: 'B', subject: first.subjectB ?? first.subject, recipients: b },
  ];
}
