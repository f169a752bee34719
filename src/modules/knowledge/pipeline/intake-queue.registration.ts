import { BullModule } from '@nestjs/bullmq';
import type { DefaultJobOptions } from 'bullmq';
import { queueRegistration } from '../../../infra/queue/queue-registration';
import { INTAKE_QUEUES } from './intake-jobs';

/**
 * Each stage retries a retryable failure (a source or model timing out, a rate limit, the database
 * away) with backoff over about half a minute; the last attempt's failure ends the document FAILED.
 * Completed jobs are kept a while for debugging; a re-ingest of the same version puts its job back.
 */
export const INTAKE_JOB_OPTIONS: DefaultJobOptions = { removeOnComplete: 200, removeOnFail: 500, attempts: 5, backoff: { type: 'exponential', delay: 1_000 } };

/** The intake queues, connected as the process's role wants (queueRegistration). */
export function registerIntakeQueues(role: 'api' | 'worker') {
  return BullModule.registerQueueAsync(...Object.values(INTAKE_QUEUES).map((name) => queueRegistration(name, role, INTAKE_JOB_OPTIONS)));
}
