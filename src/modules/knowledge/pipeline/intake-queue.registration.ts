import { BullModule } from '@nestjs/bullmq';
import { RedisService } from '../../../infra/redis/redis.service';
import { INTAKE_QUEUES } from './intake-jobs';

/**
 * Each stage retries a retryable failure (a source or model timing out, a rate limit, the database
 * away) with backoff over about half a minute; the last attempt's failure ends the document FAILED.
 * Completed jobs are kept a while for debugging; a re-ingest of the same version puts its job back.
 */
export const INTAKE_JOB_OPTIONS = { removeOnComplete: 200, removeOnFail: 500, attempts: 5, backoff: { type: 'exponential', delay: 1_000 } };

/**
 * The intake queues. As with agent.run: in a producing-only API the queues share the app's Redis
 * connection (fail fast while Redis is away, 503); a consuming process gives them connections of
 * their own from the root options.
 */
export function registerIntakeQueues(role: 'api' | 'worker') {
  return BullModule.registerQueueAsync(
    ...Object.values(INTAKE_QUEUES).map((name) =>
      role === 'api'
        ? { name, inject: [RedisService], useFactory: (redis: RedisService) => ({ connection: redis.client, defaultJobOptions: INTAKE_JOB_OPTIONS }) }
        : { name, useFactory: () => ({ defaultJobOptions: INTAKE_JOB_OPTIONS }) },
    ),
  );
}
