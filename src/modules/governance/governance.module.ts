import { DynamicModule, Module, Provider } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { EraseUserData } from './erasure/erase-user-data';
import { ErasureController } from './erasure/erasure.controller';
import { ErasureRepository } from './erasure/erasure.repository';
import { BuildExport } from './exports/build-export';
import { ExportDownloads } from './exports/export-downloads';
import { ExportFiles } from './exports/export-files';
import { ExportProcessor } from './exports/export.processor';
import { ExportQueue, registerExportQueue } from './exports/export-queue';
import { ExportSourceRepository } from './exports/export-source.repository';
import { ExportsController } from './exports/exports.controller';
import { ExportsRepository } from './exports/exports.repository';
import { RequestExport } from './exports/request-export';
import { RetentionMetrics, retentionMetricProviders } from './retention/retention-metrics';
import { registerRetentionQueue, RetentionSchedule } from './retention/retention-queue';
import { RetentionProcessor } from './retention/retention.processor';
import { RetentionRepository } from './retention/retention.repository';
import { RetentionSweep } from './retention/retention-sweep';

/** The API: erasure, and requesting, reading and downloading exports. */
const API: Provider[] = [ErasureRepository, EraseUserData, ExportsRepository, ExportFiles, ExportQueue, RequestExport, ExportDownloads];

/** A consuming process: building exports, and the scheduled retention sweep. */
const CONSUMER: Provider[] = [
  ExportsRepository,
  ExportFiles,
  ExportSourceRepository,
  BuildExport,
  ExportProcessor,
  RetentionRepository,
  RetentionSweep,
  RetentionSchedule,
  RetentionProcessor,
  ...retentionMetricProviders,
  RetentionMetrics,
];

export interface GovernanceOptions {
  /** The API also builds exports and sweeps: on the embedded database, where it is the only process. */
  consumeQueues?: boolean;
}

/**
 * Data governance: retention (a repeatable sweep on the workers), erasure of a member's personal
 * data, and exports of an organization's data as a zip built by a worker.
 */
@Module({})
export class GovernanceModule {
  static forRoot(options: GovernanceOptions = {}): DynamicModule {
    const consumer = options.consumeQueues === true;
    return {
      module: GovernanceModule,
      imports: [AuditModule, registerExportQueue(consumer ? 'worker' : 'api'), ...(consumer ? [registerRetentionQueue()] : [])],
      controllers: [ErasureController, ExportsController],
      providers: dedupe([...API, ...(consumer ? CONSUMER : [])]),
    };
  }

  static forWorker(): DynamicModule {
    return {
      module: GovernanceModule,
      imports: [registerExportQueue('worker'), registerRetentionQueue()],
      providers: CONSUMER,
    };
  }
}

function dedupe(providers: Provider[]): Provider[] {
  return [...new Set(providers)];
}
