import { BullModule, InjectQueue } from '@nestjs/bullmq';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { Queue } from 'bullmq';
import { queueRegistration } from '../../../infra/queue/queue-registration';
import { RedisService } from '../../../infra/redis/redis.service';

export const EXPORT_QUEUE = 'exports.build';

export interface ExportJob {
  exportId: string;
}

/** A few attempts for an infrastructure failure (the database away); a build restarts from scratch. */
export const EXPORT_JOB_ATTEMPTS = 3;
const defaultJobOptions = { removeOnComplete: 200, removeOnFail: 500, attempts: EXPORT_JOB_ATTEMPTS, backoff: { type: 'exponential', delay: 5_000 } };

/** As with agent.run: a producing-only API shares the app's Redis connection, a consuming process gets its own. */
export function registerExportQueue(role: 'api' | 'worker') {
  return BullModule.registerQueueAsync(queueRegistration(EXPORT_QUEUE, role, defaultJobOptions));
}

/** The producer side of exports.build. */
@Injectable()
export class ExportQueue implements OnModuleInit {
  constructor(@InjectQueue(EXPORT_QUEUE) private readonly queue: Queue<ExportJob>, private readonly redis: RedisService) {}

  onModuleInit(): void {
    // Connection errors surface through readiness; an unhandled 'error' event would crash the process.
    this.queue.on('error', () => undefined);
  }

  /** A clear 503 while Redis is away, before the export's row is written. */
  assertAvailable(): void {
    this.redis.assertAvailable('exports');
  }

  /** The export's id is the job's: adding it twice is one job. */
  async add(exportId: string): Promise<void> {
    await this.queue.add('build', { exportId }, { jobId: exportId });
  }
}
