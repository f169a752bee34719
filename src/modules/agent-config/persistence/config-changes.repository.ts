import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterPrisma } from '@nestjs-cls/transactional-adapter-prisma';
import { Prisma } from '../../../generated/prisma/client';
import { PrismaService } from '../../../infra/prisma/prisma.service';

/** person: through the API; learning: the learning agent; revert: undoing an earlier change. */
export type ChangeSource = 'person' | 'learning' | 'revert';

export interface ConfigChangeRecord {
  id: string;
  agentName: string;
  source: string;
  runId: string | null;
  userId: string | null;
  field: string;
  before: unknown;
  after: unknown;
  reason: string | null;
  revertedAt: Date | null;
  createdAt: Date;
}

export interface NewConfigChange {
  field: string;
  before: unknown;
  after: unknown;
}

export interface ChangeOrigin {
  source: ChangeSource;
  userId?: string | null;
  runId?: string | null;
  reason?: string | null;
}

export interface ChangePageRequest {
  limit: number;
  /** The last change of the previous page. */
  afterId?: string;
}

const CHANGE_FIELDS = { id: true, agentName: true, source: true, runId: true, userId: true, field: true, before: true, after: true, reason: true, revertedAt: true, createdAt: true } as const;

/** The change history of agents' configurations, newest first; every statement names the organization. */
@Injectable()
export class ConfigChangesRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterPrisma<PrismaService>>) {}

  private get tx() {
    return this.txHost.tx;
  }

  /** One row per changed field, in one statement; returns them in the order given. */
  async append(organizationId: string, agentName: string, origin: ChangeOrigin, changes: NewConfigChange[]): Promise<ConfigChangeRecord[]> {
    if (changes.length === 0) return [];
    return this.tx.agentConfigChange.createManyAndReturn({
      data: changes.map((change) => ({
        organizationId,
        agentName,
        source: origin.source,
        userId: origin.userId ?? null,
        runId: origin.runId ?? null,
        reason: origin.reason ?? null,
        field: change.field,
        before: jsonOf(change.before),
        after: jsonOf(change.after),
      })),
      select: CHANGE_FIELDS,
    });
  }

  async list(organizationId: string, agentName: string, page: ChangePageRequest): Promise<ConfigChangeRecord[]> {
    return this.tx.agentConfigChange.findMany({
      where: { organizationId, agentName },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      ...(page.afterId !== undefined ? { cursor: { id: page.afterId }, skip: 1 } : {}),
      take: page.limit + 1,
      select: CHANGE_FIELDS,
    });
  }

  find(organizationId: string, agentName: string, id: string): Promise<ConfigChangeRecord | null> {
    return this.tx.agentConfigChange.findFirst({ where: { id, organizationId, agentName }, select: CHANGE_FIELDS });
  }

  /** Only a change not yet reverted: false means another revert got there first. */
  async markReverted(id: string): Promise<boolean> {
    return (await this.tx.agentConfigChange.updateMany({ where: { id, revertedAt: null }, data: { revertedAt: new Date() } })).count === 1;
  }
}

function jsonOf(value: unknown): Prisma.InputJsonValue | typeof Prisma.DbNull {
  return value === null || value === undefined ? Prisma.DbNull : (value as Prisma.InputJsonValue);
}
