import { BullModule } from '@nestjs/bullmq';
import { RedisService } from '../../../infra/redis/redis.service';
import { ALL_RUN_QUEUES } from '../../agents/agent-queues';

/**
 * Retention as in the product's policy: enough history to debug, bounded memory in Redis. A job
 * fails only when its run could not even be claimed (the database away: a run's own failures are
 * recorded on the run, never thrown), so BullMQ retries it with backoff over about half a minute;
 * a longer outage is covered by the sweeper, which puts an ended job of a QUEUED run back.
 */
const defaultJobOptions = { removeOnComplete: 200, removeOnFail: 500, attempts: 5, backoff: { type: 'exponential', delay: 1_000 } };

/**
 * The run queues (agent.run and the stage queues). In the API the producer shares the app's Redis connection: it fails fast
 * while Redis is away (the API answers 503), reconnects with it, and closes with it at shutdown
 * (BullMQ leaves a shared connection alone). In the worker the queue uses the root connection
 * options (its own connections, which never give up: maxRetriesPerRequest null).
 */
export function registerRunQueue(role: 'api' | 'worker') {
  return BullModule.registerQueueAsync(
    ...ALL_RUN_QUEUES.map((name) =>
      role === 'api'
        ? { name, inject: [RedisService], useFactory: (redis: RedisService) => ({ connection: redis.client, defaultJobOptions }) }
        : { name, useFactory: () => ({ defaultJobOptions }) },
    ),
  );
}
