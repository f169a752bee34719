import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterPrisma } from '@nestjs-cls/transactional-adapter-prisma';
import { PrismaService } from '../../infra/prisma/prisma.service';
import type { DocumentSource, DocumentStatus } from './pipeline/intake-jobs';

/** What the API shows of a document: never its bytes, nor its text. */
export interface DocumentRecord {
  id: string;
  datasetId: string;
  title: string | null;
  source: DocumentSource;
  sourceUrl: string | null;
  fileName: string | null;
  mimeType: string | null;
  status: DocumentStatus;
  version: number;
  contentHash: string | null;
  errorClass: string | null;
  errorMessage: string | null;
  chunkCount: number;
  embeddingTokens: number;
  readyAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

const FIELDS = {
  id: true,
  datasetId: true,
  title: true,
  source: true,
  sourceUrl: true,
  fileName: true,
  mimeType: true,
  status: true,
  version: true,
  contentHash: true,
  errorClass: true,
  errorMessage: true,
  chunkCount: true,
  embeddingTokens: true,
  readyAt: true,
  createdAt: true,
  updatedAt: true,
} as const;

/** Which existing document a submission stands for: the same URL, file name or titled text in the dataset. */
export type DocumentIdentity = { source: 'URL'; sourceUrl: string } | { source: 'FILE'; fileName: string } | { source: 'TEXT'; title: string };

export interface NewDocumentRow {
  organizationId: string;
  datasetId: string;
  source: DocumentSource;
  title?: string;
  sourceUrl?: string;
  fileName?: string;
  mimeType?: string;
  rawContent?: Buffer;
}

export interface DocumentPageQuery {
  status?: DocumentStatus;
  limit: number;
  after?: { createdAt: Date; id: string };
}

/** Documents, always within one organization and dataset. Intake's own writes are the IntakeLedger's. */
@Injectable()
export class DocumentsRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterPrisma<PrismaService>>) {}

  private get tx() {
    return this.txHost.tx;
  }

  create(row: NewDocumentRow): Promise<DocumentRecord> {
    const { rawContent, ...rest } = row;
    return this.tx.document.create({ data: { ...rest, ...(rawContent ? { rawContent: bytesOf(rawContent) } : {}), status: 'PENDING' }, select: FIELDS });
  }

  findByIdentity(organizationId: string, datasetId: string, identity: DocumentIdentity): Promise<DocumentRecord | null> {
    const where =
      identity.source === 'URL' ? { sourceUrl: identity.sourceUrl } : identity.source === 'FILE' ? { fileName: identity.fileName } : { title: identity.title };
    return this.tx.document.findFirst({ where: { organizationId, datasetId, source: identity.source, ...where }, select: FIELDS, orderBy: { createdAt: 'asc' } });
  }

  /**
   * Sends a resting (READY or FAILED) document through intake again, with new bytes for a file or
   * text; null when it is not resting any more (a concurrent submission got there first).
   */
  async restart(id: string, organizationId: string, content?: { rawContent: Buffer; mimeType: string }): Promise<DocumentRecord | null> {
    const data = { status: 'PENDING' as const, errorClass: null, errorMessage: null, ...(content ? { rawContent: bytesOf(content.rawContent), mimeType: content.mimeType } : {}) };
    const { count } = await this.tx.document.updateMany({ where: { id, organizationId, status: { in: ['READY', 'FAILED'] } }, data });
    return count === 0 ? null : this.tx.document.findFirst({ where: { id, organizationId }, select: FIELDS });
  }

  /** Undoes restart() when its job could not be queued: the document rests as it did before. */
  async unrestart(id: string, previous: Pick<DocumentRecord, 'status' | 'errorClass' | 'errorMessage'>): Promise<void> {
    await this.tx.document.updateMany({ where: { id, status: 'PENDING' }, data: { ...previous, rawContent: null } });
  }

  find(organizationId: string, datasetId: string, id: string): Promise<DocumentRecord | null> {
    return this.tx.document.findFirst({ where: { id, organizationId, datasetId }, select: FIELDS });
  }

  /** Newest first, keyset-paginated on (createdAt, id). */
  list(organizationId: string, datasetId: string, query: DocumentPageQuery): Promise<DocumentRecord[]> {
    const after = query.after
      ? { OR: [{ createdAt: { lt: query.after.createdAt } }, { createdAt: query.after.createdAt, id: { lt: query.after.id } }] }
      : {};
    return this.tx.document.findMany({
      where: { organizationId, datasetId, ...(query.status ? { status: query.status } : {}), ...after },
      select: FIELDS,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: query.limit,
    });
  }

  /** Its chunks go with it (ON DELETE CASCADE). Answers whether it existed. */
  async delete(organizationId: string, datasetId: string, id: string): Promise<boolean> {
    return (await this.tx.document.deleteMany({ where: { id, organizationId, datasetId } })).count > 0;
  }

  /** Removes a document whose intake never started (its job could not be queued). */
  async discard(id: string): Promise<void> {
    await this.tx.document.deleteMany({ where: { id, status: 'PENDING', version: 0 } });
  }
}

/** Prisma types Bytes as Uint8Array over an ArrayBuffer; a Node Buffer is one (never a SharedArrayBuffer here), so no copy is made. */
function bytesOf(buffer: Buffer): Uint8Array<ArrayBuffer> {
  return buffer as Uint8Array<ArrayBuffer>;
}
