import { ValidationFailedError } from '../../common/errors/domain-errors';
import { AGENT_CONFIG_TOOL, type EffectiveAgentConfig, needsApproval, READ_CONFIG_ACTION } from '../agent-config/agent-config.types';
import { RUN_QUEUES } from '../agents/agent-queues';
import { Agent } from '../agents/agent.decorator';
import type { AgentHandler, AgentRunContext, RunUsageSoFar } from '../agents/agent.types';
import type { ApprovalDecision } from '../agents/run-waits';
import { isValidTimezone } from '../audience/quiet-hours';
import type { VoiceGuide } from '../brands/voice-guides';
import type { SkippedRecipient } from './sms-audience';
import { SEND_ACTION, SMS_AGENT, SMS_SEND_AGENT, type SmsChannel } from './sms-channel';
import { draftSms } from './sms-draft';
import { checkSmsBody, DEFAULT_MAX_SMS_SEGMENTS, type SmsEncoding, type SmsSegments } from './sms-encoding';
import { EmptySmsBodyError, SmsTooLongError } from './sms-errors';
import type { SmsSendInput } from './sms-send.input';
import { MAX_SMS_RECIPIENTS, SmsInput } from './sms.input';
import { AUDIENCE_ACTION, SMS_TOOL, type SmsAudienceOutput } from './sms.tool';

export interface SmsOutput {
  channel: SmsChannel;
  /** What was sent (the reviewer's edit when there was one); null when nobody was left to text. */
  text: string | null;
  encoding: SmsEncoding | null;
  segments: number | null;
  /** The numbers a send was started for (none when the send was rejected). */
  recipients: string[];
  skipped: SkippedRecipient[];
  /** One `sms-send` run per recipient, in the order of `recipients`. */
  sendRunIds: string[];
  /** The reviewer's decision; null when the organization's policy needed none (or nobody was left to text). */
  approval: Pick<ApprovalDecision, 'decision' | 'reviewer' | 'comment'> | null;
  usage: RunUsageSoFar;
}

const CHANNEL_NAME: Record<SmsChannel, string> = { sms: 'SMS', whatsapp: 'WhatsApp' };

/**
 * Texts a message to a list of numbers or leads: skips whoever opted out or is suppressed,
 * writes the message in the brand voice (unless given one) within the segment budget, asks a
 * person when the organization's policy says so, then starts one `sms-send` run per recipient.
 * Steps: configuration, audience, [brand voice], [1-2 model calls], [approval], one start per recipient.
 */
@Agent({
  name: SMS_AGENT,
  kind: 'SMS',
  description: 'Writes a short SMS or WhatsApp message in the brand voice (or takes one), checks its encoding and segments, skips opted-out numbers, asks for approval and sends it to each recipient outside their quiet hours',
  input: SmsInput,
  tools: [`${AGENT_CONFIG_TOOL}.${READ_CONFIG_ACTION}`, `${SMS_TOOL}.${AUDIENCE_ACTION}`, 'brand.voice', 'llm.generate', 'runs.start'],
  writes: Object.values(SEND_ACTION),
  queue: RUN_QUEUES.smsCompose,
  starts: [SMS_SEND_AGENT],
})
export class SmsAgent implements AgentHandler<SmsInput, SmsOutput> {
  /** What the DTO cannot say: one of brief or text, someone to text, and a given text that fits. */
  async check(input: SmsInput): Promise<void> {
    if ((input.brief === undefined) === (input.text === undefined)) throw new ValidationFailedError(['input.brief', 'input.text'], 'invalid input for agent sms: give exactly one of brief (to have the message written) or text (to send as it is)');
    const count = (input.recipients?.length ?? 0) + (input.leadIds?.length ?? 0);
    if (count === 0) throw new ValidationFailedError(['input.recipients', 'input.leadIds'], 'invalid input for agent sms: give recipients (phone numbers) or leadIds');
    if (count > MAX_SMS_RECIPIENTS) throw new ValidationFailedError(['input.recipients', 'input.leadIds'], `invalid input for agent sms: at most ${MAX_SMS_RECIPIENTS} recipients and leads together`);
    if (input.text !== undefined) checkedText(input.text, input.maxSegments ?? DEFAULT_MAX_SMS_SEGMENTS, 'input.text');
  }

  async run(input: SmsInput, context: AgentRunContext): Promise<SmsOutput> {
    const maxSegments = input.maxSegments ?? DEFAULT_MAX_SMS_SEGMENTS;
    const config = await context.tools.call<EffectiveAgentConfig>(AGENT_CONFIG_TOOL, READ_CONFIG_ACTION, { agent: SMS_AGENT });
    const audience = await context.tools.call<SmsAudienceOutput>(SMS_TOOL, AUDIENCE_ACTION, {
      channel: input.channel,
      ...(input.recipients ? { recipients: input.recipients } : {}),
      ...(input.leadIds ? { leadIds: input.leadIds } : {}),
      ...(input.campaignId ? { campaignId: input.campaignId } : {}),
    });
    const result = { channel: input.channel, skipped: audience.skipped };
    if (audience.recipients.length === 0) {
      return { ...result, text: null, encoding: null, segments: null, recipients: [], sendRunIds: [], approval: null, usage: context.usage() };
    }

    let message = input.text !== undefined ? { text: input.text, segments: checkedText(input.text, maxSegments, 'input.text') } : await this.compose(input, config, maxSegments, context);
    const recipients = audience.recipients.map((r) => r.to);
    let approval: SmsOutput['approval'] = null;
    if (needsApproval(config, SEND_ACTION[input.channel], recipients.length)) {
      const decision = await context.approval.request({
        title: `Text ${recipients.length} recipient(s) on ${CHANNEL_NAME[input.channel]}`,
        summary: message.text,
        payload: { channel: input.channel, text: message.text, ...segmentFacts(message.segments), recipients: recipients.length, skipped: audience.skipped.length, campaignId: input.campaignId ?? null },
      });
      approval = { decision: decision.decision, reviewer: decision.reviewer, ...(decision.comment ? { comment: decision.comment } : {}) };
      if (!decision.approved) return { ...result, text: message.text, ...segmentFacts(message.segments), recipients: [], sendRunIds: [], approval, usage: context.usage() };
      // The reviewer's text replaces the draft, within the same budget: an edit too long fails the run, sending nothing.
      const edited = decision.edits?.text;
      if (typeof edited === 'string' && edited !== message.text) message = { text: edited, segments: checkedText(edited, maxSegments, 'edits.text') };
    }

    const sendRunIds: string[] = [];
    for (const recipient of audience.recipients) {
      const send: SmsSendInput = {
        channel: input.channel,
        to: recipient.to,
        body: message.text,
        parentRunId: context.runId,
        ...(input.campaignId ? { campaignId: input.campaignId } : {}),
        ...(recipient.timezone && isValidTimezone(recipient.timezone) ? { timezone: recipient.timezone } : {}),
      };
      const started = await context.tools.call<{ runId: string }>('runs', 'start', { agent: SMS_SEND_AGENT, input: send });
      sendRunIds.push(started.runId);
    }
    return { ...result, text: message.text, ...segmentFacts(message.segments), recipients, sendRunIds, approval, usage: context.usage() };
  }

  private async compose(input: SmsInput, config: EffectiveAgentConfig, maxSegments: number, context: AgentRunContext): Promise<{ text: string; segments: SmsSegments }> {
    const brandId = input.brandId ?? config.brandId;
    const voice = brandId ? await context.tools.call<VoiceGuide>('brand', 'voice', { brandId }) : null;
    const draft = await draftSms(context.model, {
      channel: input.channel,
      brief: input.brief ?? '',
      maxSegments,
      voice,
      promptHints: config.promptHints,
      ...(config.temperature !== null ? { temperature: config.temperature } : {}),
    });
    return { text: draft.text, segments: draft.segments };
  }
}

function segmentFacts(segments: SmsSegments): { encoding: SmsEncoding; segments: number } {
  return { encoding: segments.encoding, segments: segments.segments };
}

/** The text's segments, or a 400 naming `field` when it is empty or over the budget. */
function checkedText(text: string, maxSegments: number, field: string): SmsSegments {
  try {
    return checkSmsBody(text, { maxSegments });
  } catch (error) {
    if (error instanceof SmsTooLongError || error instanceof EmptySmsBodyError) throw new ValidationFailedError([field], `invalid ${field}: ${error.message}`);
    throw error;
  }
}
