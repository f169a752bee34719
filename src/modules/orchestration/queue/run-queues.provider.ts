import { getQueueToken } from '@nestjs/bullmq';
import type { Provider } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { ALL_RUN_QUEUES, type RunQueueName } from '../../agents/agent-queues';
import type { RunJob } from './run-job';

export const RUN_QUEUE_SET = Symbol('neonhub:run-queues');

/** Every run queue by name, as one injectable map (the engine picks the queue by the run's agent). */
export type RunQueueSet = ReadonlyMap<RunQueueName, Queue<RunJob>>;

export const runQueueSetProvider: Provider = {
  provide: RUN_QUEUE_SET,
  inject: ALL_RUN_QUEUES.map((name) => getQueueToken(name)),
  useFactory: (...queues: Queue<RunJob>[]): RunQueueSet => new Map(ALL_RUN_QUEUES.map((name, i) => [name, queues[i]])),
};
