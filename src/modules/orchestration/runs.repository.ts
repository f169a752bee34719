import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterPrisma } from '@nestjs-cls/transactional-adapter-prisma';
import type { Prisma } from '../../generated/prisma/client';
import type { AgentKind, RunMode, RunStatus } from '../../generated/prisma/enums';
import { PrismaService } from '../../infra/prisma/prisma.service';

export const RUN_SELECT = {
  id: true,
  organizationId: true,
  userId: true,
  intent: true,
  status: true,
  mode: true,
  input: true,
  output: true,
  errorClass: true,
  errorMessage: true,
  attempt: true,
  idempotencyKey: true,
  requestHash: true,
  leaseOwner: true,
  cancelRequestedAt: true,
  createdAt: true,
  startedAt: true,
  finishedAt: true,
  durationMs: true,
  agent: { select: { name: true } },
} satisfies Prisma.AgentRunSelect;

export type RunRecord = Prisma.AgentRunGetPayload<{ select: typeof RUN_SELECT }>;
export const FINAL_STATUSES: RunStatus[] = ['COMPLETED', 'FAILED', 'CANCELLED', 'TIMED_OUT'];

export interface NewRun {
  organizationId: string;
  agentId: string;
  userId?: string;
  intent?: string;
  mode: RunMode;
  input: Prisma.InputJsonValue;
  idempotencyKey?: string;
  requestHash?: string;
}

export interface RunFilter {
  organizationId: string;
  agent?: string;
  status?: RunStatus;
  since?: Date;
  until?: Date;
  after?: { createdAt: Date; id: string };
  limit: number;
}

/**
 * Run rows. Status changes are conditional updates (`WHERE status = <expected>`), so each
 * transition happens exactly once however many processes race for it. Everything except
 * `complete` writes through the plain client: a run's record must survive the rollback of the
 * work it records.
 */
@Injectable()
export class RunsRepository {
  constructor(
    private readonly prisma: PrismaService,
    private readonly txHost: TransactionHost<TransactionalAdapterPrisma<PrismaService>>,
  ) {}

  /**
   * The Agent row for (organization, name), created on first use so foreign keys hold. Not an
   * upsert: Prisma's upsert is read-then-write, and two first runs racing would see a 409.
   */
  async ensureAgent(organizationId: string, name: string, kind: AgentKind, description: string): Promise<string> {
    const where = { organizationId_name: { organizationId, name } };
    const existing = await this.prisma.agent.findUnique({ where, select: { id: true } });
    if (existing) return existing.id;
    await this.prisma.agent.createMany({ data: [{ organizationId, name, kind, description }], skipDuplicates: true });
    return (await this.prisma.agent.findUniqueOrThrow({ where, select: { id: true } })).id;
  }

  /** `agentName` is the caller's: selecting the relation would make Prisma wrap the insert in a transaction. */
  async create(run: NewRun, agentName: string, claim?: { owner: string; leaseMs: number }): Promise<RunRecord> {
    const now = new Date();
    const { agent: _agent, ...flat } = RUN_SELECT;
    const row = await this.prisma.agentRun.create({
      data: {
        ...run,
        createdAt: now,
        ...(claim
          ? { status: 'RUNNING', attempt: 1, leaseOwner: claim.owner, leaseExpiresAt: new Date(now.getTime() + claim.leaseMs), startedAt: now }
          : { status: 'QUEUED' }),
      },
      select: flat,
    });
    return { ...row, agent: { name: agentName } };
  }

  find(id: string, organizationId?: string): Promise<RunRecord | null> {
    return this.prisma.agentRun.findFirst({ where: { id, ...(organizationId ? { organizationId } : {}) }, select: RUN_SELECT });
  }

  findByIdempotencyKey(organizationId: string, idempotencyKey: string): Promise<RunRecord | null> {
    return this.prisma.agentRun.findUnique({ where: { organizationId_idempotencyKey: { organizationId, idempotencyKey } }, select: RUN_SELECT });
  }

  /** Frees an expired idempotency key so a new run may take it. */
  async releaseIdempotencyKey(id: string): Promise<void> {
    await this.prisma.agentRun.update({ where: { id }, data: { idempotencyKey: null }, select: { id: true } });
  }

  list(filter: RunFilter): Promise<RunRecord[]> {
    const where: Prisma.AgentRunWhereInput = {
      organizationId: filter.organizationId,
      ...(filter.agent ? { agent: { name: filter.agent } } : {}),
      ...(filter.status ? { status: filter.status } : {}),
      ...(filter.since || filter.until ? { createdAt: { ...(filter.since ? { gte: filter.since } : {}), ...(filter.until ? { lt: filter.until } : {}) } } : {}),
    };
    const cursor: Prisma.AgentRunWhereInput | undefined = filter.after
      ? { OR: [{ createdAt: { lt: filter.after.createdAt } }, { createdAt: filter.after.createdAt, id: { lt: filter.after.id } }] }
      : undefined;
    return this.prisma.agentRun.findMany({
      where: cursor ? { AND: [where, cursor] } : where,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: filter.limit,
      select: RUN_SELECT,
    });
  }

  /** QUEUED, or RUNNING with a lapsed lease (its process died): taken by `owner` for one more attempt. */
  async claim(id: string, owner: string, leaseMs: number, maxAttempts: number, agentName: string): Promise<RunRecord | null> {
    const now = new Date();
    const { agent: _agent, ...flat } = RUN_SELECT;
    const [claimed] = await this.prisma.agentRun.updateManyAndReturn({
      select: flat,
      where: {
        id,
        attempt: { lt: maxAttempts },
        cancelRequestedAt: null,
        OR: [{ status: 'QUEUED' }, { status: 'RUNNING', leaseExpiresAt: { lt: now } }],
      },
      data: { status: 'RUNNING', attempt: { increment: 1 }, leaseOwner: owner, leaseExpiresAt: new Date(now.getTime() + leaseMs), startedAt: now },
    });
    return claimed ? { ...claimed, agent: { name: agentName } } : null;
  }

  /** Extends the lease; returns false when the run is no longer ours, or a cancel was requested. */
  async renewLease(id: string, owner: string, leaseMs: number): Promise<'renewed' | 'lost' | 'cancel-requested'> {
    const { count } = await this.prisma.agentRun.updateMany({
      where: { id, status: 'RUNNING', leaseOwner: owner },
      data: { leaseExpiresAt: new Date(Date.now() + leaseMs) },
    });
    if (count === 0) return 'lost';
    const run = await this.prisma.agentRun.findUnique({ where: { id }, select: { cancelRequestedAt: true } });
    return run?.cancelRequestedAt ? 'cancel-requested' : 'renewed';
  }

  async nextAttempt(id: string, owner: string): Promise<number | null> {
    const { count } = await this.prisma.agentRun.updateMany({ where: { id, status: 'RUNNING', leaseOwner: owner }, data: { attempt: { increment: 1 } } });
    if (count === 0) return null;
    return (await this.prisma.agentRun.findUniqueOrThrow({ where: { id }, select: { attempt: true } })).attempt;
  }

  /** Inside the run's commit transaction (txHost.tx), together with the agent's own writes. */
  async complete(id: string, owner: string, output: Prisma.InputJsonValue, finishedAt: Date, durationMs: number): Promise<boolean> {
    // Raw: every completed run pays for this statement, and Prisma's query building costs more CPU than the update.
    const count = await this.txHost.tx.$executeRaw`
      UPDATE "agent_runs"
      SET "status" = 'COMPLETED'::"RunStatus", "output" = ${JSON.stringify(output)}::jsonb, "finished_at" = ${finishedAt}, "duration_ms" = ${durationMs},
          "lease_owner" = NULL, "lease_expires_at" = NULL, "updated_at" = CURRENT_TIMESTAMP(3)
      WHERE "id" = ${id}::uuid AND "status" = 'RUNNING'::"RunStatus" AND "lease_owner" = ${owner} AND "cancel_requested_at" IS NULL`;
    return count === 1;
  }

  async finish(
    id: string,
    from: RunStatus,
    to: Exclude<RunStatus, 'QUEUED' | 'RUNNING' | 'COMPLETED'>,
    error: { errorClass: string; errorMessage: string },
    owner?: string,
  ): Promise<boolean> {
    const finishedAt = new Date();
    const run = await this.prisma.agentRun.findUnique({ where: { id }, select: { startedAt: true } });
    const { count } = await this.prisma.agentRun.updateMany({
      where: { id, status: from, ...(owner ? { leaseOwner: owner } : {}) },
      data: {
        status: to,
        ...error,
        finishedAt,
        durationMs: run?.startedAt ? finishedAt.getTime() - run.startedAt.getTime() : null,
        leaseOwner: null,
        leaseExpiresAt: null,
      },
    });
    return count === 1;
  }

  /** On a worker's shutdown: lets another process take these runs over now instead of after the lease. */
  async releaseLeases(ids: string[], owner: string): Promise<number> {
    if (ids.length === 0) return 0;
    const { count } = await this.prisma.agentRun.updateMany({ where: { id: { in: ids }, status: 'RUNNING', leaseOwner: owner }, data: { leaseExpiresAt: new Date() } });
    return count;
  }

  async requestCancel(id: string): Promise<boolean> {
    const { count } = await this.prisma.agentRun.updateMany({ where: { id, status: 'RUNNING', cancelRequestedAt: null }, data: { cancelRequestedAt: new Date() } });
    return count === 1;
  }

  /** QUEUED runs untouched for a while: their job may have been lost (Redis restarted without persistence). */
  staleQueued(olderThan: Date, limit = 100): Promise<Array<{ id: string; organizationId: string; userId: string | null; attempt: number }>> {
    return this.prisma.agentRun.findMany({
      where: { status: 'QUEUED', updatedAt: { lt: olderThan } },
      select: { id: true, organizationId: true, userId: true, attempt: true },
      orderBy: { updatedAt: 'asc' },
      take: limit,
    });
  }

  /** RUNNING runs whose process stopped renewing: requeue the ones with attempts left, end the rest. */
  async reclaimExpired(maxAttempts: number, limit = 100): Promise<{ requeued: string[]; exhausted: string[] }> {
    const now = new Date();
    const expired = await this.prisma.agentRun.findMany({
      where: { status: 'RUNNING', leaseExpiresAt: { lt: now } },
      select: { id: true, attempt: true, cancelRequestedAt: true },
      take: limit,
    });
    const requeued: string[] = [];
    const exhausted: string[] = [];
    for (const run of expired) {
      const base = { id: run.id, status: 'RUNNING' as const, leaseExpiresAt: { lt: now } };
      if (run.cancelRequestedAt) {
        await this.prisma.agentRun.updateMany({
          where: base,
          data: { status: 'CANCELLED', errorClass: 'CancelledError', errorMessage: 'cancelled while its process was gone', finishedAt: now, leaseOwner: null, leaseExpiresAt: null },
        });
      } else if (run.attempt < maxAttempts) {
        const { count } = await this.prisma.agentRun.updateMany({ where: base, data: { status: 'QUEUED', mode: 'ASYNC', leaseOwner: null, leaseExpiresAt: null } });
        if (count === 1) requeued.push(run.id);
      } else {
        const { count } = await this.prisma.agentRun.updateMany({
          where: base,
          data: { status: 'FAILED', errorClass: 'LeaseExpiredError', errorMessage: `the run's process stopped after ${run.attempt} attempts`, finishedAt: now, leaseOwner: null, leaseExpiresAt: null },
        });
        if (count === 1) exhausted.push(run.id);
      }
    }
    return { requeued, exhausted };
  }
}
