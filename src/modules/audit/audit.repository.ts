import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterPrisma } from '@nestjs-cls/transactional-adapter-prisma';
import { Sql } from '../../infra/database/sql';
import { PrismaService } from '../../infra/prisma/prisma.service';
import type { Prisma } from '../../generated/prisma/client';
import { encodeCursor, type RunCursor } from '../../common/validation/page-cursor';

/** Who made a change and from where: the request's caller, its API key, address and id. */
export interface AuditStamp {
  actorUserId?: string;
  apiKeyId?: string;
  requestId?: string;
  ip?: string;
}

export interface AuditEntry extends AuditStamp {
  organizationId: string;
  action: string;
  targetType: string;
  targetId?: string;
  metadata?: Prisma.InputJsonObject;
  /** Configuration changes: the changed values as they were and as they became. */
  before?: Prisma.InputJsonObject;
  after?: Prisma.InputJsonObject;
  statusCode?: number;
}

export interface AuditLogRecord {
  id: string;
  organizationId: string;
  actorUserId: string | null;
  apiKeyId: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  metadata: Prisma.JsonValue;
  before: Prisma.JsonValue;
  after: Prisma.JsonValue;
  requestId: string | null;
  ip: string | null;
  statusCode: number | null;
  createdAt: Date;
}

export interface AuditLogFilter {
  action?: string;
  actorUserId?: string;
  targetType?: string;
  targetId?: string;
  requestId?: string;
  since?: Date;
  until?: Date;
}

const APPEND = `
  INSERT INTO "audit_logs" ("organization_id", "actor_user_id", "api_key_id", "action", "target_type", "target_id", "metadata", "before", "after", "request_id", "ip", "status_code")
  VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9::jsonb, $10, $11, $12)`;

/** Writes join the caller's transaction (txHost.tx): an entry commits or rolls back with its change. */
@Injectable()
export class AuditRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterPrisma<PrismaService>>, private readonly sql: Sql) {}

  async append(entry: AuditEntry): Promise<void> {
    if (this.txHost.isTransactionActive()) {
      await this.txHost.tx.auditLog.create({ data: { ...entry, metadata: entry.metadata ?? {} }, select: { id: true } });
      return;
    }
    // Outside a transaction (the request entry, written after its handler, on every state-changing
    // request): one plain prepared statement, since Prisma's query building costs more CPU than
    // the insert itself on the hot path of POST /v1/runs.
    const json = (value: Prisma.InputJsonObject | undefined) => (value === undefined ? null : JSON.stringify(value));
    await this.sql.rows(APPEND, [
      entry.organizationId,
      entry.actorUserId ?? null,
      entry.apiKeyId ?? null,
      entry.action,
      entry.targetType,
      entry.targetId ?? null,
      JSON.stringify(entry.metadata ?? {}),
      json(entry.before),
      json(entry.after),
      entry.requestId ?? null,
      entry.ip ?? null,
      entry.statusCode ?? null,
    ]);
  }

  /** Newest first; `rows` holds one more than `limit` when another page exists. */
  async list(organizationId: string, filter: AuditLogFilter, limit: number, after?: RunCursor): Promise<{ items: AuditLogRecord[]; nextCursor: string | null }> {
    const rows = await this.txHost.tx.auditLog.findMany({
      where: {
        organizationId,
        ...(filter.action !== undefined ? { action: filter.action } : {}),
        ...(filter.actorUserId !== undefined ? { actorUserId: filter.actorUserId } : {}),
        ...(filter.targetType !== undefined ? { targetType: filter.targetType } : {}),
        ...(filter.targetId !== undefined ? { targetId: filter.targetId } : {}),
        ...(filter.requestId !== undefined ? { requestId: filter.requestId } : {}),
        ...(filter.since || filter.until ? { createdAt: { ...(filter.since ? { gte: filter.since } : {}), ...(filter.until ? { lt: filter.until } : {}) } } : {}),
        ...(after ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] } : {}),
      },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: limit + 1,
    });
    const items = rows.slice(0, limit);
    const last = items.at(-1);
    return { items, nextCursor: rows.length > limit && last ? encodeCursor({ createdAt: last.createdAt, id: last.id }) : null };
  }
}
