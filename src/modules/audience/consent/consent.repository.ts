import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterPrisma } from '@nestjs-cls/transactional-adapter-prisma';
import type { ConsentStatus } from '../../../generated/prisma/enums';
import { PrismaService } from '../../../infra/prisma/prisma.service';
import type { AudienceChannel } from '../channel-address';

export interface ConsentRecordFields {
  channel: AudienceChannel;
  /** Normalized (normalizeAddress). */
  address: string;
  status: ConsentStatus;
  source: string;
  evidence: string | null;
}

export interface ConsentEntry extends ConsentRecordFields {
  id: string;
  recordedAt: Date;
}

const FIELDS = { id: true, channel: true, address: true, status: true, source: true, evidence: true, recordedAt: true } as const;

/** Append-only: a consent is never updated, a newer record supersedes it. */
@Injectable()
export class ConsentRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterPrisma<PrismaService>>) {}

  /**
   * Stamped after the address's latest record, by a millisecond if the clock has not moved on:
   * two records of one millisecond would otherwise tie, and "the latest" would be a coin toss.
   */
  async append(organizationId: string, fields: ConsentRecordFields): Promise<ConsentEntry> {
    const [row] = await this.txHost.tx.$queryRaw<Array<Omit<ConsentEntry, 'recordedAt'> & { recorded_at: Date }>>`
      INSERT INTO consent_records (organization_id, channel, address, status, source, evidence, recorded_at)
      SELECT ${organizationId}::uuid, ${fields.channel}::"MessageChannel", ${fields.address}::citext, ${fields.status}::"ConsentStatus", ${fields.source}, ${fields.evidence},
             GREATEST(clock_timestamp(), max(recorded_at) + interval '1 millisecond')
      FROM consent_records
      WHERE organization_id = ${organizationId}::uuid AND channel = ${fields.channel}::"MessageChannel" AND address = ${fields.address}::citext
      RETURNING id, channel::text AS channel, address::text AS address, status::text AS status, source, evidence, recorded_at`;
    const { recorded_at: recordedAt, ...rest } = row;
    return { ...rest, recordedAt };
  }

  /** The record in force: the latest (append keeps each address's times strictly increasing). */
  async latest(organizationId: string, channel: AudienceChannel, address: string): Promise<ConsentEntry | null> {
    return (await this.txHost.tx.consentRecord.findFirst({
      where: { organizationId, channel, address },
      select: FIELDS,
      orderBy: [{ recordedAt: 'desc' }, { id: 'desc' }],
    })) as ConsentEntry | null;
  }
}
