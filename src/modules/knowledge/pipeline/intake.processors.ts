import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { OnApplicationBootstrap } from '@nestjs/common';
import type { Job } from 'bullmq';
import { PinoLogger } from 'nestjs-pino';
import { QueueMetrics } from '../../telemetry/queue-metrics';
import { EmbedStage } from './embed-stage';
import { FetchStage } from './fetch-stage';
import { INTAKE_QUEUES, type IntakeJob, type IntakeStage } from './intake-jobs';
import { IntakeRunner, type IntakeOutcome } from './intake-runner';
import { NormalizeStage } from './normalize-stage';

/**
 * Jobs one process runs at once per stage. Fetches wait on the network; normalize parses (PDF in
 * a worker thread); embed waits on the model. Small numbers: intake is background work and shares
 * the process (and on the embedded database, its one connection) with runs.
 */
const CONCURRENCY: Record<IntakeStage, number> = { fetch: 4, normalize: 2, embed: 2 };

/** The BullMQ plumbing the three stage processors share: started after boot, counted in the queue metrics. */
abstract class IntakeProcessor extends WorkerHost implements OnApplicationBootstrap {
  protected abstract readonly stage: IntakeStage;

  constructor(protected readonly runner: IntakeRunner, private readonly metrics: QueueMetrics, private readonly logger: PinoLogger) {
    super();
  }

  onApplicationBootstrap(): void {
    this.worker.concurrency = CONCURRENCY[this.stage];
    this.worker.on('error', (error) => this.logger.warn({ queue: INTAKE_QUEUES[this.stage], reason: error.message }, 'worker connection error'));
    void this.worker.run();
  }

  @OnWorkerEvent('completed')
  onCompleted(): void {
    this.metrics.jobCompleted(INTAKE_QUEUES[this.stage]);
  }

  @OnWorkerEvent('failed')
  onFailed(): void {
    this.metrics.jobFailed(INTAKE_QUEUES[this.stage]);
  }
}

@Processor(INTAKE_QUEUES.fetch, { autorun: false })
export class FetchProcessor extends IntakeProcessor {
  protected readonly stage = 'fetch';

  constructor(runner: IntakeRunner, private readonly fetch: FetchStage, metrics: QueueMetrics, logger: PinoLogger) {
    super(runner, metrics, logger);
  }

  process(job: Job<IntakeJob>): Promise<IntakeOutcome> {
    return this.runner.run('fetch', job, (data) => this.fetch.run(data));
  }
}

@Processor(INTAKE_QUEUES.normalize, { autorun: false })
export class NormalizeProcessor extends IntakeProcessor {
  protected readonly stage = 'normalize';

  constructor(runner: IntakeRunner, private readonly normalize: NormalizeStage, metrics: QueueMetrics, logger: PinoLogger) {
    super(runner, metrics, logger);
  }

  process(job: Job<IntakeJob>): Promise<IntakeOutcome> {
    return this.runner.run('normalize', job, (data) => this.normalize.run(data));
  }
}

@Processor(INTAKE_QUEUES.embed, { autorun: false })
export class EmbedProcessor extends IntakeProcessor {
  protected readonly stage = 'embed';

  constructor(runner: IntakeRunner, private readonly embed: EmbedStage, metrics: QueueMetrics, logger: PinoLogger) {
    super(runner, metrics, logger);
  }

  process(job: Job<IntakeJob>): Promise<IntakeOutcome> {
    return this.runner.run('embed', job, (data) => this.embed.run(data));
  }
}
