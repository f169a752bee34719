import { Injectable } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { NotFoundError } from '../../common/errors/domain-errors';
import { DatasetsService } from './datasets.service';
import { DocumentRecord, DocumentsRepository } from './documents.repository';
import { decodeDocumentCursor, encodeDocumentCursor } from './dto/document-cursor';
import type { DocumentStatus } from './pipeline/intake-jobs';

const DEFAULT_PAGE = 50;

/** Reading and deleting a dataset's documents; the dataset is checked first, so another organization's answers 404. */
@Injectable()
export class DocumentQueries {
  constructor(private readonly datasets: DatasetsService, private readonly documents: DocumentsRepository, private readonly logger: PinoLogger) {
    logger.setContext(DocumentQueries.name);
  }

  async get(organizationId: string, datasetId: string, id: string): Promise<DocumentRecord> {
    await this.datasets.assertExists(organizationId, datasetId);
    const document = await this.documents.find(organizationId, datasetId, id);
    if (!document) throw new NotFoundError('document', id);
    return document;
  }

  async list(
    organizationId: string,
    datasetId: string,
    query: { status?: DocumentStatus; limit?: number; cursor?: string },
  ): Promise<{ items: DocumentRecord[]; nextCursor: string | null }> {
    await this.datasets.assertExists(organizationId, datasetId);
    const limit = query.limit ?? DEFAULT_PAGE;
    const after = query.cursor ? decodeDocumentCursor(query.cursor) : undefined;
    // One more than asked: whether it exists says if there is a next page.
    const rows = await this.documents.list(organizationId, datasetId, { status: query.status, limit: limit + 1, after });
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > limit && last ? encodeDocumentCursor(last) : null };
  }

  /** The document and its chunks; jobs still queued for it find nothing and end. */
  async delete(organizationId: string, datasetId: string, id: string): Promise<void> {
    await this.datasets.assertExists(organizationId, datasetId);
    if (!(await this.documents.delete(organizationId, datasetId, id))) throw new NotFoundError('document', id);
    this.logger.info({ documentId: id, datasetId }, 'document deleted');
  }
}
