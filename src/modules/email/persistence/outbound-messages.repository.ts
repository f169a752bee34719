import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterPrisma } from '@nestjs-cls/transactional-adapter-prisma';
import { PrismaService } from '../../../infra/prisma/prisma.service';

export type OutboundStatus = 'SENT' | 'SUPPRESSED' | 'FAILED';

export interface OutboundEmail {
  organizationId: string;
  runId: string;
  dedupeKey: string;
  status: OutboundStatus;
  campaignId: string | null;
  sequenceId: string;
  step: number;
  connectorKey: string;
  to: string;
  subject: string;
  body: string;
  providerMessageId: string | null;
  error: string | null;
}

/** The message rows of email sends: one per intended send, however often its run is retried. */
@Injectable()
export class OutboundMessagesRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterPrisma<PrismaService>>) {}

  /**
   * The new row's id, or null when the send already has its row (its dedupe key is taken). The
   * sequence and campaign are linked only if they exist: the sequence commits with the run that
   * started this send, which may not have committed yet (it links the row itself when it does).
   * A SENT row's sentAt is the commit's time, moments after the provider accepted the message.
   */
  async insert(message: OutboundEmail): Promise<string | null> {
    const rows = await this.txHost.tx.$queryRaw<Array<{ id: string }>>`
      INSERT INTO messages (organization_id, channel, direction, status, campaign_id, email_sequence_id, sequence_step, run_id, dedupe_key,
                            connector_key, to_address, subject, body, provider_message_id, error, sent_at)
      VALUES (${message.organizationId}::uuid, 'EMAIL', 'OUTBOUND', ${message.status}::"MessageStatus",
              (SELECT id FROM campaigns WHERE id = ${message.campaignId}::uuid AND organization_id = ${message.organizationId}::uuid),
              (SELECT id FROM email_sequences WHERE id = ${message.sequenceId}::uuid AND organization_id = ${message.organizationId}::uuid),
              ${message.step}, ${message.runId}::uuid, ${message.dedupeKey}, ${message.connectorKey}, ${message.to}, ${message.subject}, ${message.body},
              ${message.providerMessageId}, ${message.error}, CASE WHEN ${message.status} = 'SENT' THEN now() END)
      ON CONFLICT (organization_id, dedupe_key) DO NOTHING
      RETURNING id`;
    return rows[0]?.id ?? null;
  }
}
