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

  async append(organizationId: string, fields: ConsentRecordFields): Promise<ConsentEntry> {
    return (await this.txHost.tx.consentRecord.create({ data: { organizationId, ...fields }, select: FIELDS })) as ConsentEntry;
  }

  /** The record in force: the latest (ties broken by id, so two records of one millisecond still answer one). */
  async latest(organizationId: string, channel: AudienceChannel, address: string): Promise<ConsentEntry | null> {
    return (await this.txHost.tx.consentRecord.findFirst({
      where: { organizationId, channel, address },
      select: FIELDS,
      orderBy: [{ recordedAt: 'desc' }, { id: 'desc' }],
    })) as ConsentEntry | null;
  }
}
