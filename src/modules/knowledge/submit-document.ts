import { Inject, Injectable } from '@nestjs/common';
import { ClsService } from 'nestjs-cls';
import { PinoLogger } from 'nestjs-pino';
import { ValidationFailedError } from '../../common/errors/domain-errors';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/app-config';
import type { RequestContext } from '../../infra/cls/request-context';
import { DatasetsService } from './datasets.service';
import { DocumentIdentity, DocumentRecord, DocumentsRepository, NewDocumentRow } from './documents.repository';
import type { TextFormat } from './dto/create-document.dto';
import { classifyAddress, isIpLiteral } from '../../infra/network/address-policy';
import { DocumentBusyError } from './knowledge-errors';
import { pendingStageOf } from './pipeline/intake-jobs';
import { IntakeQueues } from './pipeline/intake-queues';

/** What a client sends: a URL to fetch, a titled text, or an uploaded file. */
export type DocumentSubmission =
  | { kind: 'url'; url: string; title?: string }
  | { kind: 'text'; title: string; text: string; format: TextFormat }
  | { kind: 'file'; fileName: string; mimeType: string; bytes: Buffer; title?: string };

export interface SubmittedDocument {
  document: DocumentRecord;
  /** False when the submission named a document the dataset already had, which is ingested again. */
  created: boolean;
}

const TEXT_MIME: Record<TextFormat, string> = { markdown: 'text/markdown; charset=utf-8', text: 'text/plain; charset=utf-8' };

/**
 * The one way a document enters intake. A submission naming a document the dataset already has
 * (the same URL, file name, or text title) ingests that document again instead of adding a
 * duplicate: unchanged content then changes nothing. Redis is checked before anything is
 * written, and a job that still cannot be queued undoes the write, so a 503 leaves no document
 * behind that nothing would ever ingest.
 */
@Injectable()
export class SubmitDocument {
  constructor(
    private readonly datasets: DatasetsService,
    private readonly documents: DocumentsRepository,
    private readonly queues: IntakeQueues,
    private readonly cls: ClsService<RequestContext>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly logger: PinoLogger,
  ) {
    logger.setContext(SubmitDocument.name);
  }

  async submit(organizationId: string, datasetId: string, submission: DocumentSubmission): Promise<SubmittedDocument> {
    await this.datasets.assertExists(organizationId, datasetId);
    const row = this.rowOf(organizationId, datasetId, submission);
    this.queues.assertAvailable();
    const existing = await this.documents.findByIdentity(organizationId, datasetId, identityOf(row));
    const submitted = existing ? await this.restart(organizationId, existing, row) : { document: await this.documents.create(row), created: true };
    await this.enqueue(organizationId, submitted, existing);
    this.logger.info({ documentId: submitted.document.id, datasetId, source: row.source, created: submitted.created }, 'document submitted for intake');
    return submitted;
  }

  private async restart(organizationId: string, existing: DocumentRecord, row: NewDocumentRow): Promise<SubmittedDocument> {
    if (existing.status !== 'READY' && existing.status !== 'FAILED') throw new DocumentBusyError(existing.id, existing.status);
    const content = row.rawContent ? { rawContent: row.rawContent, mimeType: row.mimeType! } : undefined;
    const document = await this.documents.restart(existing.id, organizationId, content);
    if (!document) throw new DocumentBusyError(existing.id, 'another submission started it');
    return { document, created: false };
  }

  private async enqueue(organizationId: string, { document, created }: SubmittedDocument, previous: DocumentRecord | null): Promise<void> {
    const stage = pendingStageOf(document)!;
    try {
      await this.queues.ensureQueued(stage, { documentId: document.id, organizationId, version: document.version, requestId: this.cls.getId() });
    } catch (error) {
      if (created) await this.documents.discard(document.id);
      else if (previous) await this.documents.unrestart(document.id, previous);
      throw error;
    }
  }

  private rowOf(organizationId: string, datasetId: string, submission: DocumentSubmission): NewDocumentRow {
    const base = { organizationId, datasetId, title: submission.title };
    switch (submission.kind) {
      case 'url':
        return { ...base, source: 'URL', sourceUrl: this.checkedUrl(submission.url) };
      case 'text':
        return { ...base, source: 'TEXT', mimeType: TEXT_MIME[submission.format], rawContent: Buffer.from(submission.text, 'utf8') };
      case 'file':
        return { ...base, source: 'FILE', fileName: submission.fileName, mimeType: submission.mimeType, rawContent: submission.bytes };
    }
  }

  /**
   * One spelling per URL (so a second submission finds the first), without its fragment, which
   * never reaches the server. An address literal inside a private network is refused now; a name
   * that resolves to one is refused when it is fetched.
   */
  private checkedUrl(raw: string): string {
    const url = new URL(raw);
    url.hash = '';
    if (!this.config.knowledge.allowPrivateUrls && isIpLiteral(url.hostname)) {
      const verdict = classifyAddress(url.hostname);
      if (!verdict.allowed) {
        throw new ValidationFailedError(['url'], `invalid request: url points at a ${verdict.range} address, which intake does not fetch (KNOWLEDGE_ALLOW_PRIVATE_URLS)`);
      }
    }
    return url.href;
  }
}

function identityOf(row: NewDocumentRow): DocumentIdentity {
  if (row.source === 'URL') return { source: 'URL', sourceUrl: row.sourceUrl! };
  if (row.source === 'FILE') return { source: 'FILE', fileName: row.fileName! };
  return { source: 'TEXT', title: row.title! };
}
