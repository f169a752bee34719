import { Test } from '@nestjs/testing';
import { PrometheusModule } from '@willsoto/nestjs-prometheus';
import { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { register } from 'prom-client';
import { QUEUE_OLDEST_WAITING_AGE, QueueMetrics, queueMetricProviders, readySince } from '../../src/modules/telemetry/queue-metrics';

/** The backlog-age gauge the QueueBacklogAging alert and the dashboard read, against a real BullMQ queue. */
describe(QUEUE_OLDEST_WAITING_AGE, () => {
  const connection = { url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' };
  let queue: Queue;
  let sut: QueueMetrics;
  let stop: () => void;
  let now: number;

  const age = async () => (await register.getSingleMetric(QUEUE_OLDEST_WAITING_AGE)!.get()).values.find((v) => v.labels.queue === queue.name)?.value;

  beforeEach(async () => {
    const module = await Test.createTestingModule({ imports: [PrometheusModule.register()], providers: [...queueMetricProviders, QueueMetrics] }).compile();
    sut = module.get(QueueMetrics);
    queue = new Queue(`backlog-age-${randomUUID()}`, { connection });
    now = Date.now();
    stop = sut.watchDepth([queue], () => true, () => now);
  });
  afterEach(async () => {
    stop();
    register.clear();
    await queue.obliterate({ force: true });
    await queue.close();
  });

  it('should report 0 when nothing waits', async () => {
    expect(await age()).toBe(0);
  });

  it("should report the oldest waiting job's age, not the newest one's", async () => {
    const oldest = await queue.add('job', {});
    await queue.add('job', {});
    now = oldest.timestamp + 90_000;

    expect(await age()).toBe(90);
  });

  it('should not count a delayed job before its delay is over', async () => {
    await queue.add('job', {}, { delay: 60_000 });

    expect(await age()).toBe(0);
  });

  it('should report nothing for the queue once its watcher is gone', async () => {
    await queue.add('job', {});
    stop();

    expect(await age()).toBeUndefined();
  });
});

describe(readySince.name, () => {
  it('should count a promoted delayed job from the end of its delay, which BullMQ zeroes on promotion', () => {
    expect(readySince({ timestamp: 1_000, opts: { delay: 5_000 } })).toBe(6_000);
  });

  it('should count a retried job from its last attempt, not from when it was added', () => {
    expect(readySince({ timestamp: 1_000, processedOn: 50_000, opts: {} })).toBe(50_000);
  });
});
