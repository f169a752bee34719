import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterPrisma } from '@nestjs-cls/transactional-adapter-prisma';
import type { Prisma } from '../../../generated/prisma/client';
import { PrismaService } from '../../../infra/prisma/prisma.service';

export type SequenceStatus = 'ACTIVE' | 'COMPLETED' | 'CANCELLED';

export interface NewSequence {
  id: string;
  organizationId: string;
  campaignId: string | null;
  runId: string;
  name: string;
  status: SequenceStatus;
  steps: Prisma.InputJsonValue;
}

export interface NewAbTest {
  id: string;
  organizationId: string;
  campaignId: string | null;
  emailSequenceId: string;
  name: string;
  variants: Prisma.InputJsonValue;
}

/** Email sequences and their subject tests, written in the composing run's commit. */
@Injectable()
export class EmailSequencesRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterPrisma<PrismaService>>) {}

  /**
   * Until the transaction ends: the composing run's commit (the sequence, then linking the messages
   * written before it) and each send's commit (its message, linked if the sequence exists) take it
   * first, so one always sees the other's rows. Without it, a send committing while the sequence
   * commits would see no sequence, nor be seen by the linking update: its message left unlinked.
   */
  async lock(sequenceId: string): Promise<void> {
    await this.txHost.tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`email-sequence:${sequenceId}`}, 0))`;
  }

  async create(sequence: NewSequence): Promise<void> {
    await this.txHost.tx.emailSequence.create({ data: sequence, select: { id: true } });
  }

  async createAbTest(test: NewAbTest): Promise<void> {
    await this.txHost.tx.aBTest.create({ data: { ...test, metric: 'open_rate' }, select: { id: true } });
  }

  /**
   * The sends start before the composing run commits, so one may have written its message while
   * the sequence did not exist yet (its foreign key then left empty): linked here, by the send runs'
   * ids, once the sequence does.
   */
  async linkMessages(organizationId: string, sequenceId: string, sendRunIds: string[]): Promise<void> {
    if (sendRunIds.length === 0) return;
    await this.txHost.tx.message.updateMany({ where: { organizationId, runId: { in: sendRunIds }, emailSequenceId: null }, data: { emailSequenceId: sequenceId } });
  }
}
