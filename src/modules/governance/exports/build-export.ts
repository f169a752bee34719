import { Inject, Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterPrisma } from '@nestjs-cls/transactional-adapter-prisma';
import { PinoLogger } from 'nestjs-pino';
import { APP_CONFIG } from '../../../config/config.module';
import type { AppConfig } from '../../../config/app-config';
import { PrismaService } from '../../../infra/prisma/prisma.service';
import { writeArchive, type WrittenArchive } from './export-archive';
import { ExportFiles } from './export-files';
import { ExportSourceRepository } from './export-source.repository';
import { selectTables } from './export-tables';
import { ExportsRepository } from './exports.repository';

export const MANIFEST_FORMAT = 'neonhub-export/1';
/** The snapshot transaction's limit: a build longer than this fails (and is retried) rather than holding a connection forever. */
const BUILD_TIMEOUT_MS = 30 * 60_000;
const DAY_MS = 86_400_000;

export type BuildOutcome = 'BUILT' | 'SKIPPED';

/**
 * The worker's side of an export: every table read in one REPEATABLE READ transaction (the archive
 * is one moment of the organization, not tables taken minutes apart), streamed into a zip on disk
 * under a .part name, then renamed and the row marked READY with its size, hash and expiry.
 * On the embedded database (one connection for the whole process) the build's transaction holds
 * that connection while it runs: other requests wait for it, acceptable for a laptop's data.
 */
@Injectable()
export class BuildExport {
  constructor(
    private readonly exports: ExportsRepository,
    private readonly source: ExportSourceRepository,
    private readonly files: ExportFiles,
    private readonly txHost: TransactionHost<TransactionalAdapterPrisma<PrismaService>>,
    private readonly logger: PinoLogger,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    logger.setContext(BuildExport.name);
  }

  async build(exportId: string): Promise<BuildOutcome> {
    const row = await this.exports.start(exportId);
    if (!row) return 'SKIPPED';
    const started = Date.now();
    const fileName = this.files.fileName(row.organizationId, row.id);
    const path = await this.files.partialPath(fileName);
    const tables = selectTables(row.tables);
    const createdAt = new Date();
    let written: WrittenArchive;
    try {
      written = await this.txHost.withTransaction({ isolationLevel: 'RepeatableRead', timeout: BUILD_TIMEOUT_MS, maxWait: 30_000 }, () =>
        writeArchive(
          path,
          tables.map((table) => ({ table: table.table, lines: () => this.source.lines(table, row.organizationId) })),
          (files) => ({ format: MANIFEST_FORMAT, exportId: row.id, organizationId: row.organizationId, createdAt: createdAt.toISOString(), tables: files }),
        ),
      );
      await this.files.complete(fileName);
    } catch (error) {
      await this.files.remove(fileName);
      throw error;
    }
    const manifest = { format: MANIFEST_FORMAT, tables: written.files.map((f) => ({ ...f })) };
    await this.exports.markReady(row.id, { fileName, sizeBytes: written.sizeBytes, sha256: written.sha256, manifest, expiresAt: new Date(Date.now() + this.expiryMs()) });
    const rows = written.files.reduce((sum, f) => sum + f.rows, 0);
    this.logger.info({ exportId: row.id, organizationId: row.organizationId, tables: written.files.length, rows, sizeBytes: written.sizeBytes, durationMs: Date.now() - started }, 'export built');
    return 'BUILT';
  }

  /** After the last attempt: the export says it failed (and why, in a sentence with no internals) and expires like a built one. */
  async fail(exportId: string, error: Error): Promise<void> {
    this.logger.warn({ exportId, reason: error.message }, 'export failed');
    await this.exports.markFailed(exportId, 'the archive could not be built; request a new export', new Date(Date.now() + this.expiryMs()));
  }

  private expiryMs(): number {
    return this.config.governance.exportExpiryDays * DAY_MS;
  }
}
