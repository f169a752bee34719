import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterPrisma } from '@nestjs-cls/transactional-adapter-prisma';
import type { BudgetChangeStatus } from '../../../generated/prisma/enums';
import { PrismaService } from '../../../infra/prisma/prisma.service';

/** A change as the ads agent decided it (APPROVED or REJECTED). */
export interface DecidedBudgetChange {
  id: string;
  organizationId: string;
  runId: string;
  customerId: string;
  externalCampaignId: string;
  campaignName: string;
  beforeMicros: number;
  afterMicros: number;
  changePercent: number;
  status: Extract<BudgetChangeStatus, 'APPROVED' | 'REJECTED'>;
  reason: string;
}

/** What the budget-execute stage found: APPLIED (with when) or FAILED (with why). */
export interface BudgetChangeOutcome {
  id: string;
  organizationId: string;
  customerId: string;
  externalCampaignId: string;
  beforeMicros: number;
  afterMicros: number;
  changePercent: number;
  status: Extract<BudgetChangeStatus, 'APPLIED' | 'FAILED'>;
  appliedAt: Date | null;
  error: string | null;
}

/**
 * BudgetChange rows, written by two runs that race: the ads agent's commit (the decision) and the
 * budget-execute stage it started (the outcome), which may commit first. Each upserts by the id the
 * ads agent derived: the decision never overwrites an outcome's status, and an outcome always wins.
 */
@Injectable()
export class BudgetChangesRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterPrisma<PrismaService>>) {}

  private get tx() {
    return this.txHost.tx;
  }

  async recordDecisions(changes: DecidedBudgetChange[]): Promise<void> {
    for (const change of changes) {
      const { beforeMicros, afterMicros, ...rest } = change;
      await this.tx.budgetChange.upsert({
        where: { id: change.id },
        create: { ...rest, beforeMicros: BigInt(beforeMicros), afterMicros: BigInt(afterMicros) },
        // The stage got here first: it knew the figures, not the campaign's name, the run or the reason.
        update: { runId: change.runId, campaignName: change.campaignName, reason: change.reason },
      });
    }
  }

  async recordOutcome(outcome: BudgetChangeOutcome): Promise<void> {
    const { beforeMicros, afterMicros, ...rest } = outcome;
    await this.tx.budgetChange.upsert({
      where: { id: outcome.id },
      create: { ...rest, beforeMicros: BigInt(beforeMicros), afterMicros: BigInt(afterMicros) },
      update: { status: outcome.status, appliedAt: outcome.appliedAt, error: outcome.error },
    });
  }
}
