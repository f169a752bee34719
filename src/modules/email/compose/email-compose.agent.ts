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
import { cleanBody, cleanSubject, type ComposedStep, sendTimes, unsubscribeUrlOf, variantOf, withFooter } from './email-plan';
import { type EmailMaterial, instructions, promptOf, type VoiceGuide } from './email-prompt';
import { reviewRequest } from './email-review';
import { type SequenceOutcome, SequenceWrites } from './sequence-writes';

export const EMAIL_AGENT = 'email';
const DEFAULT_DELAY_DAYS = 3;

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

/** What the run read before writing: each from a recorded step. */
interface Audience {
  config: EffectiveAgentConfig;
  source: EmailSourceOutput;
  connector: EmailConnector;
  recipients: string[];
  suppressed: string[];
  /** When the suppression list was read. */
  checkedAt: string;
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
    const sends = (input.recipients?.length ?? 0) * (input.sequence?.steps ?? 1);
    if (sends > MAX_SENDS) throw new ValidationFailedError(['input.recipients', 'input.sequence.steps'], `invalid input for agent email: ${sends} sends (recipients times steps); at most ${MAX_SENDS}`);
  }

  async run(input: EmailComposeInput, context: AgentRunContext): Promise<EmailComposeOutput> {
    const audience = await this.audienceOf(input, context);
    const { config, source, connector, recipients, suppressed } = audience;
    const campaignId = input.campaignId ?? source.content?.campaignId ?? null;
    const answer = { connector, recipients, suppressed, sendRunIds: [] as string[], subjectB: null, abTestId: null, approval: null };
    if (recipients.length === 0) {
      context.onCommit(() => this.writes.nothingToSend(context.organizationId, campaignId, context.runId, suppressed.length));
      return { ...answer, status: 'NOTHING_TO_SEND', sequenceId: null, subjects: [], usage: context.usage() };
    }

    const brandId = input.brandId ?? config.brandId ?? source.campaign?.brandId ?? source.content?.brandId ?? null;
    const voice = brandId ? await context.tools.call<VoiceGuide>('brand', 'voice', { brandId }) : null;
    const abTest = input.abTestSubjects === true && recipients.length >= 2;
    const drafts = await this.draft({ brief: input.brief, campaign: source.campaign, content: source.content }, { steps: input.sequence?.steps ?? 1, delayDays: input.sequence?.delayDays ?? DEFAULT_DELAY_DAYS, abTest, voice, config }, context);

    const unsubscribeUrl = unsubscribeUrlOf(config.settings);
    const outcome: SequenceOutcome = {
      organizationId: context.organizationId,
      runId: context.runId,
      sequenceId: derivedUuid(context.runId, 'email-sequence'),
      campaignId,
      name: cleanSubject(source.campaign?.name ?? source.content?.title ?? drafts[0].subject),
      status: 'ACTIVE',
      steps: [],
      abTest: null,
      sendRunIds: [],
      connector,
      suppressed,
    };
    let steps = drafts;
    // Later steps are timed from a recorded time: the decision, or when the suppressions were read.
    let startAt = new Date(audience.checkedAt);
    let approval: EmailComposeOutput['approval'] = null;
    if (needsApproval(config, 'email.send', recipients.length)) {
      const decision = await context.approval.request(reviewRequest({ connector, drafts, recipients, suppressed, unsubscribeUrl, expiresInMs: input.approvalExpiresInMs }));
      const edited = decision.approved ? await applyEdits(drafts, decision.edits) : { steps: drafts, edited: false };
      steps = edited.steps;
      startAt = new Date(decision.decidedAt);
      approval = { decision: decision.decision, reviewer: decision.reviewer, decidedAt: decision.decidedAt, edited: edited.edited };
      if (!decision.approved) {
        const declined = { ...outcome, status: 'CANCELLED' as const, steps: steps.map((s) => ({ ...s, sendAt: null })) };
        context.onCommit(() => this.writes.write(declined));
        return { ...answer, status: decision.decision === 'expired' ? 'EXPIRED' : 'REJECTED', sequenceId: outcome.sequenceId, subjects: steps.map((s) => s.subject), approval, usage: context.usage() };
      }
    }

    const times = sendTimes(startAt, steps);
    const sendRunIds = await this.startSends(steps, times, { ...outcome, recipients, unsubscribeUrl }, context);
    const queued: SequenceOutcome = {
      ...outcome,
      steps: steps.map((s, i) => ({ ...s, sendAt: (times[i] ?? startAt).toISOString() })),
      abTest: steps[0].subjectB !== undefined ? { id: derivedUuid(context.runId, 'ab-test'), variants: variantsOf(steps[0], recipients.length) } : null,
      sendRunIds,
    };
    context.onCommit(() => this.writes.write(queued));
    return { ...answer, status: 'QUEUED', sequenceId: queued.sequenceId, subjects: steps.map((s) => s.subject), subjectB: steps[0].subjectB ?? null, abTestId: queued.abTest?.id ?? null, sendRunIds, approval, usage: context.usage() };
  }

  /** Configuration, sources, connector, and the recipients with the suppressed ones left out. */
  private async audienceOf(input: EmailComposeInput, context: AgentRunContext): Promise<Audience> {
    const config = await context.tools.call<EffectiveAgentConfig>(AGENT_CONFIG_TOOL, READ_CONFIG_ACTION, { agent: EMAIL_AGENT });
    const wanted = { ...(input.campaignId ? { campaignId: input.campaignId } : {}), ...(input.contentId ? { contentId: input.contentId } : {}) };
    const source = Object.keys(wanted).length > 0 ? await context.tools.call<EmailSourceOutput>('email', 'source', wanted) : { campaign: null, content: null };
    const connector = await this.connectorOf(config, context);
    const listed = await this.recipientsOf(input, input.sequence?.steps ?? 1, context);
    // No lead in the status: nothing to check.
    if (listed.length === 0) return { config, source, connector, recipients: [], suppressed: [], checkedAt: '' };
    const { suppressed, checkedAt } = await context.tools.call<SuppressedOutput>('audience', 'suppressed', { channel: 'EMAIL', addresses: listed });
    const left = new Set(suppressed);
    return { config, source, connector, recipients: listed.filter((address) => !left.has(address)), suppressed, checkedAt };
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

  /** One email-send run per step and recipient (each start a recorded step: a resumed run starts none twice); B subjects to every other recipient. */
  private async startSends(steps: ComposedStep[], times: Array<Date | undefined>, sending: SequenceOutcome & { recipients: string[]; unsubscribeUrl?: string }, context: AgentRunContext): Promise<string[]> {
    const runIds: string[] = [];
    for (const [index, step] of steps.entries()) {
      for (const [place, to] of sending.recipients.entries()) {
        const subject = step.subjectB !== undefined && variantOf(place) === 'B' ? step.subjectB : step.subject;
        const send: EmailSendInput = { sequenceId: sending.sequenceId, step: step.step, to, subject, body: withFooter(step.body, to, sending.unsubscribeUrl), connector: sending.connector, ...(sending.campaignId ? { campaignId: sending.campaignId } : {}) };
        const runAt = times[index]?.toISOString();
        const started = await context.tools.call<{ runId: string }>('runs', 'start', { agent: EMAIL_SEND_AGENT, input: { ...send }, ...(runAt ? { runAt } : {}) });
        runIds.push(started.runId);
      }
    }
    return runIds;
  }
}

function variantsOf(first: ComposedStep, recipients: number): Array<{ key: 'A' | 'B'; subject: string; recipients: number }> {
  const b = Math.floor(recipients / 2);
  return [
    { key: 'A', subject: first.subject, recipients: recipients - b },
    { key: 'B', subject: first.subjectB ?? first.subject, recipients: b },
  ];
}
