import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { OnApplicationBootstrap } from '@nestjs/common';
import type { Job } from 'bullmq';
import { CLS_ID, ClsService } from 'nestjs-cls';
import { PinoLogger } from 'nestjs-pino';
import type { RequestContext } from '../../../infra/cls/request-context';
import { QueueMetrics } from '../../telemetry/queue-metrics';
import { RunScheduleTick, type TickResult } from '../run-schedule-tick';
import { SCHEDULE_TICK_QUEUE, type ScheduleTickJob } from './schedule-tick';

/** Ticks are short (a read, a run submitted, a row): a few at once per process is plenty. */
const CONCURRENCY = 4;

/**
 * Takes schedules.tick jobs. The tick's time is the time it was scheduled for, not when a worker
 * took it: BullMQ's job scheduler puts it on the job as `opts.prevMillis` (the `nextMillis` it
 * computed from the cron, also the end of the job's id `repeat:<scheduleId>:<millis>`). The job's
 * `timestamp + delay` is not it: the delay is recomputed when the job is added (with BullMQ 5.81
 * and a cron firing every second it came out up to a second before the tick time).
 */
@Processor(SCHEDULE_TICK_QUEUE, { autorun: false })
export class ScheduleTickProcessor extends WorkerHost implements OnApplicationBootstrap {
  constructor(private readonly tick: RunScheduleTick, private readonly cls: ClsService<RequestContext>, private readonly metrics: QueueMetrics, private readonly logger: PinoLogger) {
    super();
    logger.setContext(ScheduleTickProcessor.name);
  }

  onApplicationBootstrap(): void {
    this.worker.concurrency = CONCURRENCY;
    this.worker.on('error', (error) => this.logger.warn({ queue: SCHEDULE_TICK_QUEUE, reason: error.message }, 'worker connection error'));
    void this.worker.run();
  }

  async process(job: Job<ScheduleTickJob>): Promise<TickResult | 'NOT_A_TICK'> {
    const scheduledFor = job.opts.prevMillis;
    if (scheduledFor === undefined) {
      // Only job schedulers add to this queue; a job added by hand has no tick time to record.
      this.logger.warn({ jobId: job.id }, 'schedules.tick job without a scheduled time ignored');
      return 'NOT_A_TICK';
    }
    return this.cls.run(() => {
      this.cls.set(CLS_ID, `job-${job.id}`);
      return this.tick.run(job.data.scheduleId, new Date(scheduledFor));
    });
  }

  @OnWorkerEvent('completed')
  onCompleted(): void {
    this.metrics.jobCompleted(SCHEDULE_TICK_QUEUE);
  }

  @OnWorkerEvent('failed')
  onFailed(): void {
    this.metrics.jobFailed(SCHEDULE_TICK_QUEUE);
  }
}
