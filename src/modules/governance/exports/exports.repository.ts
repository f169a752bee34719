import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterPrisma } from '@nestjs-cls/transactional-adapter-prisma';
import type { Prisma } from '../../../generated/prisma/client';
import { PrismaService } from '../../../infra/prisma/prisma.service';
import { encodeCursor, type RunCursor } from '../../../common/validation/page-cursor';

export type ExportStatus = 'PENDING' | 'RUNNING' | 'READY' | 'FAILED' | 'EXPIRED';

export interface ExportRecord {
  id: string;
  organizationId: string;
  status: ExportStatus;
  tables: string[];
  fileName: string | null;
  sizeBytes: bigint | null;
  sha256: string | null;
  manifest: Prisma.JsonValue | null;
  errorMessage: string | null;
  startedAt: Date | null;
  finishedAt: Date | null;
  expiresAt: Date | null;
  createdAt: Date;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

const FIELDS = {
  id: true,
  organizationId: true,
  status: true,
  tables: true,
  fileName: true,
  sizeBytes: true,
  sha256: true,
  manifest: true,
  errorMessage: true,
  startedAt: true,
  finishedAt: true,
  expiresAt: true,
  createdAt: true,
} as const;

/** Reads are restricted to the caller's organization; the build's writes go by the export's id. */
@Injectable()
export class ExportsRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterPrisma<PrismaService>>) {}

  private get tx() {
    return this.txHost.tx;
  }

  create(organizationId: string, requestedById: string, tables: string[]): Promise<ExportRecord> {
    return this.tx.dataExport.create({ data: { organizationId, requestedById, tables }, select: FIELDS });
  }

  find(organizationId: string, id: string): Promise<ExportRecord | null> {
    return this.tx.dataExport.findFirst({ where: { id, organizationId }, select: FIELDS });
  }

  /** Newest first. */
  async list(organizationId: string, limit: number, after?: RunCursor): Promise<Page<ExportRecord>> {
    const rows = await this.tx.dataExport.findMany({
      where: { organizationId, ...(after ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] } : {}) },
      select: FIELDS,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: limit + 1,
    });
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
  }

  /** Null when the export is gone or already ended: a job taken twice (a retry, a stalled job) builds once. */
  async start(id: string): Promise<ExportRecord | null> {
    const { count } = await this.tx.dataExport.updateMany({ where: { id, status: { in: ['PENDING', 'RUNNING'] } }, data: { status: 'RUNNING', startedAt: new Date() } });
    return count === 0 ? null : this.tx.dataExport.findUnique({ where: { id }, select: FIELDS });
  }

  async markReady(id: string, built: { fileName: string; sizeBytes: number; sha256: string; manifest: Prisma.InputJsonObject; expiresAt: Date }): Promise<void> {
    await this.tx.dataExport.update({ where: { id }, data: { ...built, status: 'READY', finishedAt: new Date(), errorMessage: null }, select: { id: true } });
  }

  /** A failed export also expires, so retention clears whatever it left. */
  async markFailed(id: string, errorMessage: string, expiresAt: Date): Promise<void> {
    await this.tx.dataExport.updateMany({ where: { id, status: { in: ['PENDING', 'RUNNING'] } }, data: { status: 'FAILED', errorMessage, finishedAt: new Date(), expiresAt } });
  }
}
