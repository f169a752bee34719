import { Agent } from '../../agents/agent.decorator';
import { RUN_QUEUES } from '../../agents/agent-queues';
import type { AgentHandler, AgentRunContext } from '../../agents/agent.types';
import type { SuppressedOutput } from '../../audience/audience.tool';
import { normalizeAddress } from '../../audience/channel-address';
import { EMAIL_CONNECTORS, providerMessageIdOf } from '../email-connectors';
import { EMAIL_SEND_AGENT, emailDedupeKey, EmailSendInput } from './email-send.input';
import { sendFailureOf } from './send-failure';
import { type SendOutcome, SendWrites } from './send-writes';

export interface EmailSendOutput {
  status: 'SENT' | 'SUPPRESSED' | 'BOUNCED' | 'FAILED';
  to: string;
  sequenceId: string;
  step: number;
  connector: string;
  /** The key of its message row: one row per sequence, step and recipient. */
  dedupeKey: string;
  providerMessageId: string | null;
  error: string | null;
}

const STATUS_OF: Record<SendOutcome, EmailSendOutput['status']> = { sent: 'SENT', suppressed: 'SUPPRESSED', bounced: 'BOUNCED', failed: 'FAILED' };

/**
 * One approved email to one recipient, started by the email agent (one run per recipient per
 * step, so each send is retried, recorded and visible on its own). It checks the suppression list
 * again right before sending (an unsubscribe or bounce since the approval wins), sends through the
 * connector named, and records the message: SENT with the provider's id, SUPPRESSED without
 * sending, or FAILED; a recipient the provider refused for good is suppressed (BOUNCED) for every
 * later send. Passing failures are left to the run's retries.
 */
@Agent({
  name: EMAIL_SEND_AGENT,
  kind: 'EMAIL',
  description: 'Stage of the email agent: sends one approved email to one recipient unless suppressed meanwhile, and records the message',
  input: EmailSendInput,
  tools: ['audience.suppressed', ...EMAIL_CONNECTORS.map((key) => `${key}.send_email`)],
  queue: RUN_QUEUES.emailSend,
  internal: true,
})
export class EmailSendAgent implements AgentHandler<EmailSendInput, EmailSendOutput> {
  constructor(private readonly writes: SendWrites) {}

  async run(input: EmailSendInput, context: AgentRunContext): Promise<EmailSendOutput> {
    const to = normalizeAddress('EMAIL', input.to, 'input.to');
    const message = {
      organizationId: context.organizationId,
      runId: context.runId,
      dedupeKey: emailDedupeKey(input.sequenceId, input.step, to),
      campaignId: input.campaignId ?? null,
      sequenceId: input.sequenceId,
      step: input.step,
      connectorKey: input.connector,
      to,
      subject: input.subject,
      body: input.body,
      providerMessageId: null,
      error: null,
    };
    const ended = (outcome: SendOutcome, result: { providerMessageId?: string | null; error?: string | null }): EmailSendOutput => {
      const written = { ...message, ...result };
      context.onCommit(() => this.writes.write(outcome, written));
      return { status: STATUS_OF[outcome], to, sequenceId: input.sequenceId, step: input.step, connector: input.connector, dedupeKey: message.dedupeKey, providerMessageId: written.providerMessageId, error: written.error };
    };

    const { suppressed } = await context.tools.call<SuppressedOutput>('audience', 'suppressed', { channel: 'EMAIL', addresses: [to] });
    if (suppressed.length > 0) return ended('suppressed', {});
    try {
      const sent = await context.tools.call(input.connector, 'send_email', { to: [to], subject: input.subject, text: input.body });
      return ended('sent', { providerMessageId: providerMessageIdOf(input.connector, sent) });
    } catch (error) {
      // A cancelled or timed-out run ends as such, not as a failed send.
      context.signal.throwIfAborted();
      const failure = sendFailureOf(error);
      if (!failure) throw error;
      return ended(failure.kind, { error: failure.error });
    }
  }
}
