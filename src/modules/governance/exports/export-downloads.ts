import { Injectable } from '@nestjs/common';
import { Transactional } from '@nestjs-cls/transactional';
import type { ReadStream } from 'node:fs';
import { NotFoundError } from '../../../common/errors/domain-errors';
import type { Principal } from '../../api-keys/api-keys.service';
import { AuditService } from '../../audit/audit.service';
import { decodeCursor } from '../../../common/validation/page-cursor';
import { ExportExpiredError, ExportNotReadyError } from '../governance-errors';
import { ExportFiles } from './export-files';
import { type ExportRecord, ExportsRepository, type Page } from './exports.repository';

export const DEFAULT_PAGE_SIZE = 20;

export interface ExportDownload {
  record: ExportRecord;
  stream: ReadStream;
  sizeBytes: number;
}

/** Reading exports, and handing out a READY one's archive (audited). */
@Injectable()
export class ExportDownloads {
  constructor(private readonly exports: ExportsRepository, private readonly files: ExportFiles, private readonly audit: AuditService) {}

  async get(organizationId: string, id: string): Promise<ExportRecord> {
    return (await this.exports.find(organizationId, id)) ?? notFound(id);
  }

  list(organizationId: string, query: { limit?: number; cursor?: string }): Promise<Page<ExportRecord>> {
    return this.exports.list(organizationId, query.limit ?? DEFAULT_PAGE_SIZE, query.cursor ? decodeCursor(query.cursor) : undefined);
  }

  /** 409 until READY, 410 once expired; the audit entry is written before a byte is sent. */
  @Transactional()
  async open(caller: Principal, id: string): Promise<ExportDownload> {
    const record = await this.get(caller.organizationId, id);
    if (record.status === 'EXPIRED') throw new ExportExpiredError(id);
    if (record.status !== 'READY' || !record.fileName) throw new ExportNotReadyError(id, record.status);
    const sizeBytes = await this.files.size(record.fileName);
    // The row says READY but the file is gone (a data directory not shared with the worker, or wiped).
    if (sizeBytes === undefined) throw new ExportExpiredError(id);
    await this.audit.record({ organizationId: caller.organizationId, action: 'data_export.downloaded', targetType: 'data_export', targetId: id, metadata: { sha256: record.sha256 ?? '', sizeBytes } });
    return { record, stream: this.files.open(record.fileName), sizeBytes };
  }
}

function notFound(id: string): never {
  throw new NotFoundError('export', id);
}
