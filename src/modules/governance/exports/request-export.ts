import { Inject, Injectable } from '@nestjs/common';
import { Transactional } from '@nestjs-cls/transactional';
import { PinoLogger } from 'nestjs-pino';
import { ServiceUnavailableError } from '../../../common/errors/domain-errors';
import { APP_CONFIG } from '../../../config/config.module';
import type { AppConfig } from '../../../config/app-config';
import type { Principal } from '../../api-keys/api-keys.service';
import { AuditService } from '../../audit/audit.service';
import { ExportQueue } from './export-queue';
import { selectTables } from './export-tables';
import { type ExportRecord, ExportsRepository } from './exports.repository';

/**
 * POST /v1/exports: the row and its audit entry in one transaction, then the job. Redis away: 503
 * before anything is written; lost between the two: the row says FAILED and the answer is 503.
 */
@Injectable()
export class RequestExport {
  constructor(
    private readonly exports: ExportsRepository,
    private readonly queue: ExportQueue,
    private readonly audit: AuditService,
    private readonly logger: PinoLogger,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    logger.setContext(RequestExport.name);
  }

  async request(caller: Principal, tables: string[] = []): Promise<ExportRecord> {
    this.queue.assertAvailable();
    const created = await this.record(caller, tables);
    try {
      await this.queue.add(created.id);
    } catch (error) {
      // Redis went away between the check and the add: the export says so instead of waiting forever.
      const reason = 'the export could not be queued (the queue backend was unreachable); request a new export';
      await this.exports.markFailed(created.id, reason, new Date(Date.now() + this.config.governance.exportExpiryDays * 86_400_000));
      this.logger.warn({ exportId: created.id, reason: (error as Error).message }, 'export not queued');
      throw new ServiceUnavailableError('exports are unavailable: the queue backend (Redis) cannot be reached; retry shortly', 5_000);
    }
    return created;
  }

  @Transactional()
  private async record(caller: Principal, tables: string[]): Promise<ExportRecord> {
    const names = selectTables([...new Set(tables)]).map((t) => t.table);
    const created = await this.exports.create(caller.organizationId, caller.userId, tables.length === 0 ? [] : names);
    await this.audit.record({ organizationId: caller.organizationId, action: 'data_export.requested', targetType: 'data_export', targetId: created.id, metadata: { tables: created.tables } });
    return created;
  }
}
