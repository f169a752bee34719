import { Injectable } from '@nestjs/common';
import { SuppressionsService } from '../../audience/suppressions/suppressions.service';
import { CampaignMetricsRepository } from '../persistence/campaign-metrics.repository';
import { EmailSequencesRepository } from '../persistence/email-sequences.repository';
import { type OutboundEmail, OutboundMessagesRepository } from '../persistence/outbound-messages.repository';

/** How one send ended, as its metric names it. */
export type SendOutcome = 'sent' | 'suppressed' | 'bounced' | 'failed';

const STATUS_OF: Record<SendOutcome, OutboundEmail['status']> = { sent: 'SENT', suppressed: 'SUPPRESSED', bounced: 'FAILED', failed: 'FAILED' };

/**
 * A send's rows, written in its run's commit: its message (once per dedupe key, however often the
 * run is retried: a second write finds the row and writes no metric either), the campaign's
 * measure of it, and for a bounce the suppression that keeps later sends away from the address.
 */
@Injectable()
export class SendWrites {
  constructor(
    private readonly sequences: EmailSequencesRepository,
    private readonly messages: OutboundMessagesRepository,
    private readonly metrics: CampaignMetricsRepository,
    private readonly suppressions: SuppressionsService,
  ) {}

  async write(outcome: SendOutcome, message: Omit<OutboundEmail, 'status'>): Promise<void> {
    if (outcome === 'bounced') {
      await this.suppressions.add(message.organizationId, { channel: 'EMAIL', address: message.to, reason: 'BOUNCED', source: `email-send ${message.runId}` });
    }
    await this.sequences.lock(message.sequenceId);
    const messageId = await this.messages.insert({ ...message, status: STATUS_OF[outcome] });
    if (!messageId) return;
    await this.metrics.record([{ organizationId: message.organizationId, campaignId: message.campaignId, kind: outcome, value: 1, subjectType: 'message', subjectId: messageId }]);
  }
}
