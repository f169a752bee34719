import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterPrisma } from '@nestjs-cls/transactional-adapter-prisma';
import type { MessageStatus } from '../../../generated/prisma/enums';
import { PrismaService } from '../../../infra/prisma/prisma.service';
import type { SmsChannel } from '../sms-channel';
import { MESSAGE_CHANNEL } from '../sms-channel';

export interface OutboundSmsRow {
  /** Chosen by the agent, so its output names the row before the run commits. */
  id: string;
  channel: SmsChannel;
  status: Extract<MessageStatus, 'SENT' | 'SUPPRESSED' | 'FAILED'>;
  runId: string;
  /** One row per intended send: `sms:<composing run>:<to>`. */
  dedupeKey: string;
  campaignId: string | null;
  connectorKey: string | null;
  to: string;
  from: string | null;
  body: string;
  providerMessageId: string | null;
  encoding: string | null;
  segments: number | null;
  error: string | null;
  sentAt: Date | null;
}

export interface InboundSmsRow {
  channel: SmsChannel;
  from: string;
  to: string | null;
  body: string;
  /** The provider's id of the message, when it gave one: a redelivered webhook then records it once. */
  dedupeKey: string | null;
}

/** What each outbound status adds to its campaign's measures. */
const METRIC_OF: Record<OutboundSmsRow['status'], string> = { SENT: 'sent', SUPPRESSED: 'suppressed', FAILED: 'failed' };

/**
 * The SMS and WhatsApp messages of an organization, in and out. Every statement names the
 * organization; a campaign id is kept only when the campaign is the organization's own, so no
 * input can attach a row or a measure to another organization's campaign.
 */
@Injectable()
export class SmsMessagesRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterPrisma<PrismaService>>) {}

  /**
   * The send's Message row and, for a campaign, its measure, in one statement. A row with the same
   * dedupe key already recorded (the send was recorded before) is left as it is and measured once:
   * ON CONFLICT instead of catching the violation, since a failed statement would abort the run's
   * commit transaction this runs in. True when the row was written now.
   */
  async recordOutbound(organizationId: string, row: OutboundSmsRow): Promise<boolean> {
    const channel = MESSAGE_CHANNEL[row.channel];
    const inserted = await this.txHost.tx.$queryRaw<Array<{ id: string }>>`
      WITH inserted AS (
        INSERT INTO messages (id, organization_id, channel, direction, status, campaign_id, run_id, dedupe_key, connector_key,
                              to_address, from_address, body, provider_message_id, encoding, segments, error, sent_at)
        VALUES (${row.id}::uuid, ${organizationId}::uuid, ${channel}::"MessageChannel", 'OUTBOUND', ${row.status}::"MessageStatus",
                (SELECT id FROM campaigns WHERE id = ${row.campaignId}::uuid AND organization_id = ${organizationId}::uuid),
                ${row.runId}::uuid, ${row.dedupeKey}, ${row.connectorKey}, ${row.to}, ${row.from}, ${row.body}, ${row.providerMessageId},
                ${row.encoding}, ${row.segments}::int, ${row.error}, ${row.sentAt}::timestamptz)
        ON CONFLICT (organization_id, dedupe_key) DO NOTHING
        RETURNING id, campaign_id
      ), measured AS (
        INSERT INTO campaign_metrics (organization_id, campaign_id, channel, kind, subject_type, subject_id)
        SELECT ${organizationId}::uuid, campaign_id, ${row.channel}, ${METRIC_OF[row.status]}, 'message', id FROM inserted WHERE campaign_id IS NOT NULL
      )
      SELECT id FROM inserted`;
    return inserted.length > 0;
  }

  /**
   * An inbound message that asked for nothing the agents act on (not STOP or START), kept for
   * whoever reads the replies. A redelivery (same dedupe key) answers the row first recorded: the
   * no-op update is what makes RETURNING name it.
   */
  async recordInbound(organizationId: string, row: InboundSmsRow): Promise<string> {
    const channel = MESSAGE_CHANNEL[row.channel];
    const inserted = await this.txHost.tx.$queryRaw<Array<{ id: string }>>`
      INSERT INTO messages (organization_id, channel, direction, status, dedupe_key, to_address, from_address, body)
      VALUES (${organizationId}::uuid, ${channel}::"MessageChannel", 'INBOUND', 'RECEIVED', ${row.dedupeKey}, ${row.to}, ${row.from}, ${row.body})
      ON CONFLICT (organization_id, dedupe_key) DO UPDATE SET dedupe_key = EXCLUDED.dedupe_key
      RETURNING id`;
    return inserted[0].id;
  }

  async campaignExists(organizationId: string, campaignId: string): Promise<boolean> {
    return (await this.txHost.tx.campaign.count({ where: { id: campaignId, organizationId } })) > 0;
  }
}
