import { BullModule } from '@nestjs/bullmq';
import type { DefaultJobOptions } from 'bullmq';
import { queueRegistration } from '../../../infra/queue/queue-registration';
import { ALL_RUN_QUEUES } from '../../agents/agent-queues';

/**
 * Retention as in the product's policy: enough history to debug, bounded memory in Redis. A job
 * fails only when its run could not even be claimed (the database away: a run's own failures are
 * recorded on the run, never thrown), so BullMQ retries it with backoff over about half a minute;
 * a longer outage is covered by the sweeper, which puts an ended job of a QUEUED run back.
 */
const defaultJobOptions: DefaultJobOptions = { removeOnComplete: 200, removeOnFail: 500, attempts: 5, backoff: { type: 'exponential', delay: 1_000 } };

/** The run queues (agent.run and the stage queues), connected as the process's role wants (queueRegistration). */
export function registerRunQueue(role: 'api' | 'worker') {
  return BullModule.registerQueueAsync(...ALL_RUN_QUEUES.map((name) => queueRegistration(name, role, defaultJobOptions)));
}
