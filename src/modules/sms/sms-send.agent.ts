import { randomUUID } from 'node:crypto';
import { ClassifiedError } from '../../infra/resilience/classified-error';
import { AGENT_CONFIG_TOOL, type EffectiveAgentConfig, READ_CONFIG_ACTION } from '../agent-config/agent-config.types';
import { RUN_QUEUES } from '../agents/agent-queues';
import { Agent } from '../agents/agent.decorator';
import type { AgentHandler, AgentRunContext, RunUsageSoFar } from '../agents/agent.types';
import { AUDIENCE_TOOL, type SuppressedOutput } from '../audience/audience.tool';
import { nextSendTime } from '../audience/quiet-hours';
import { type OutboundSmsRow, SmsMessagesRepository } from './persistence/sms-messages.repository';
import { quietHoursOf, recipientTimezone } from './send-window';
import { DEFAULT_CONNECTOR, MESSAGE_CHANNEL, SMS_AGENT, SMS_SEND_AGENT } from './sms-channel';
import { smsSegments } from './sms-encoding';
import { type ProviderReceipt, SENDER_TOOLS, type SmsSender, senderFor } from './sms-senders';
import { SmsSendInput } from './sms-send.input';
import { AUDIENCE_ACTION, SMS_TOOL, type SmsAudienceOutput } from './sms.tool';

export interface SmsSendOutput {
  messageId: string;
  status: OutboundSmsRow['status'];
  channel: SmsSendInput['channel'];
  to: string;
  connector: string;
  providerMessageId: string | null;
  encoding: string | null;
  segments: number | null;
  timezone: string | null;
  /** The end of the recipient's quiet hours when the send waited for it. */
  waitedUntil: string | null;
  error: string | null;
  usage: RunUsageSoFar;
}

interface Outcome extends Partial<ProviderReceipt> {
  status: OutboundSmsRow['status'];
  timezone: string | null;
  waitedUntil: string | null;
  error?: string;
  sentAt?: Date;
}

/**
 * One approved text to one recipient: the stage the `sms` agent starts per recipient, so each
 * send is retried, recorded and visible on its own and the sms.send queue's depth is the backlog.
 *
 * Replay-safe by construction: whether the recipient is in quiet hours is decided on the time the
 * audience step recorded (checkedAt), not on the clock, so a resumed run replays the decision and
 * its sleep instead of deciding again. What may change while a run waits (someone texting STOP)
 * is read again right before sending; without a wait the first read is already that.
 */
@Agent({
  name: SMS_SEND_AGENT,
  kind: 'SMS',
  description: "Sends one approved text to one recipient outside their quiet hours, unless they opted out meanwhile, and records the message",
  input: SmsSendInput,
  tools: [`${AGENT_CONFIG_TOOL}.${READ_CONFIG_ACTION}`, `${SMS_TOOL}.${AUDIENCE_ACTION}`, `${AUDIENCE_TOOL}.suppressed`, ...SENDER_TOOLS],
  queue: RUN_QUEUES.smsSend,
  internal: true,
  // One approval starts up to 1,000 of these at once, as its submitter: the per-user limit is sized for
  // people starting runs, and the provider's throughput (Twilio: 100 messages a second) is the real bound.
  policy: { rateLimitPerMinute: 6_000 },
})
export class SmsSendAgent implements AgentHandler<SmsSendInput, SmsSendOutput> {
  constructor(private readonly messages: SmsMessagesRepository) {}

  async run(input: SmsSendInput, context: AgentRunContext): Promise<SmsSendOutput> {
    // The organization configures the SMS agent; its send stage follows the same configuration.
    const config = await context.tools.call<EffectiveAgentConfig>(AGENT_CONFIG_TOOL, READ_CONFIG_ACTION, { agent: SMS_AGENT });
    const sender = senderFor(input.channel, config.connections[input.channel] ?? DEFAULT_CONNECTOR[input.channel]);
    const send = { context, input, sender };
    const audience = await context.tools.call<SmsAudienceOutput>(SMS_TOOL, AUDIENCE_ACTION, { channel: input.channel, recipients: [input.to] });
    const recipient = audience.recipients[0];
    if (!recipient) return this.finish(send, { status: 'SUPPRESSED', timezone: null, waitedUntil: null });

    const timezone = recipientTimezone(input.timezone, recipient.timezone, config.settings);
    const window = nextSendTime(new Date(audience.checkedAt), timezone, quietHoursOf(config.settings));
    const waitedUntil = window.allowed ? null : window.sendAt.toISOString();
    if (!window.allowed) {
      await context.sleepUntil(window.sendAt);
      const again = await context.tools.call<SuppressedOutput>(AUDIENCE_TOOL, 'suppressed', { channel: MESSAGE_CHANNEL[input.channel], addresses: [input.to] });
      if (again.suppressed.length > 0) return this.finish(send, { status: 'SUPPRESSED', timezone, waitedUntil });
    }

    try {
      const answer = await context.tools.call(sender.connector, sender.action, sender.input(input.to, input.body));
      return this.finish(send, { status: 'SENT', timezone, waitedUntil, ...sender.receipt(answer), sentAt: new Date() });
    } catch (error) {
      // A refusal another attempt cannot change (a revoked connection, a number the provider rejects) is the send's
      // outcome, recorded as FAILED; a passing failure (rate limit, outage) goes back to the engine to retry.
      if (!(error instanceof ClassifiedError) || error.retryable) throw error;
      return this.finish(send, { status: 'FAILED', timezone, waitedUntil, error: error.message });
    }
  }

  /** Registers the send's Message row (written with the run's completion) and answers the run's output. */
  private finish({ context, input, sender }: { context: AgentRunContext; input: SmsSendInput; sender: SmsSender }, outcome: Outcome): SmsSendOutput {
    const counted = input.channel === 'sms' ? smsSegments(input.body) : null;
    const row: OutboundSmsRow = {
      id: randomUUID(),
      channel: input.channel,
      status: outcome.status,
      runId: context.runId,
      dedupeKey: `sms:${input.parentRunId ?? context.runId}:${input.to}`,
      campaignId: input.campaignId ?? null,
      connectorKey: sender.connector,
      to: input.to,
      from: outcome.from ?? null,
      body: input.body,
      providerMessageId: outcome.providerMessageId ?? null,
      // Segments are what an SMS is billed by; a WhatsApp message has none.
      encoding: counted?.encoding ?? null,
      segments: counted?.segments ?? null,
      error: outcome.error ?? null,
      sentAt: outcome.sentAt ?? null,
    };
    context.onCommit(async () => {
      await this.messages.recordOutbound(context.organizationId, row);
    });
    return {
      messageId: row.id,
      status: row.status,
      channel: input.channel,
      to: input.to,
      connector: sender.connector,
      providerMessageId: row.providerMessageId,
      encoding: row.encoding,
      segments: row.segments,
      timezone: outcome.timezone,
      waitedUntil: outcome.waitedUntil,
      error: row.error,
      usage: context.usage(),
    };
  }
}
