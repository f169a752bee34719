import { BullModule, Processor, WorkerHost } from '@nestjs/bullmq';
import type { Provider, Type } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Test, type TestingModule } from '@nestjs/testing';
import { randomUUID } from 'node:crypto';
import { queuePrefix } from '../redis/redis-keys';
import { queueRegistration } from './queue-registration';
import { redisOptionsFromUrl } from './redis-connection';
import { QueueTopology, QueueTopologyCheck, QueueTopologyError } from './queue-topology';

/** A processor class for `queue`, named as the error should name it. Never started: autorun off. */
function processorFor(queue: string, name: string): Type<WorkerHost> {
  @Processor(queue, { autorun: false })
  class QueueProcessor extends WorkerHost {
    process(): Promise<void> {
      return Promise.resolve();
    }
  }
  Object.defineProperty(QueueProcessor, 'name', { value: name });
  return QueueProcessor;
}

/**
 * Real BullMQ modules on the test Redis, with queue names of their own per test so that no other
 * spec's queue or worker is involved.
 */
describe(QueueTopology.name, () => {
  const connection = { ...redisOptionsFromUrl(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'), maxRetriesPerRequest: null };
  let first: string;
  let second: string;
  /** The second queue's prefix: its hash-tagged one unless a test registers it another way. */
  let secondPrefix: string | undefined;
  const cleanups: Array<() => Promise<unknown>> = [];

  async function compile(providers: Provider[], consuming: boolean): Promise<TestingModule> {
    return Test.createTestingModule({
      imports: [
        DiscoveryModule,
        BullModule.forRoot({ connection }),
        BullModule.registerQueue({ name: first, prefix: queuePrefix(first) }, { name: second, ...(secondPrefix ? { prefix: secondPrefix } : {}) }),
      ],
      providers: [QueueTopology, ...(consuming ? [QueueTopologyCheck] : []), ...providers],
    }).compile();
  }

  /** Boots (init) a module with the two queues registered and `providers`; `consuming` adds the boot check. */
  async function boot(providers: Provider[], consuming = true): Promise<TestingModule> {
    const module = await compile(providers, consuming);
    await module.init();
    cleanups.push(() => module.close());
    return module;
  }

  async function bootError(providers: Provider[]): Promise<QueueTopologyError> {
    const module = await compile(providers, true);
    const error: unknown = await module.init().then(
      () => undefined,
      (reason: unknown) => reason,
    );
    // Nest's close() awaits the failed init again and rethrows, leaving BullMQ's connections open.
    cleanups.push(() => closeBullMq(module, providers));
    if (!(error instanceof QueueTopologyError)) throw new Error(`expected the boot to fail with a QueueTopologyError, got ${String(error)}`);
    return error;
  }

  async function closeBullMq(module: TestingModule, providers: Provider[]): Promise<void> {
    const tokens = providers.map((provider) => (typeof provider === 'function' ? provider : provider.provide));
    // A processor has a worker once @nestjs/bullmq's explorer reached it; the getter throws before.
    const workers = tokens.flatMap((token) => {
      try {
        return [module.get<WorkerHost>(token).worker];
      } catch {
        return [];
      }
    });
    await Promise.all([...workers.map((worker) => worker.close()), ...module.get(QueueTopology).queues().map((queue) => queue.close())]);
  }

  beforeEach(() => {
    const suffix = randomUUID();
    first = `test.first.${suffix}`;
    second = `test.second.${suffix}`;
    secondPrefix = queuePrefix(second);
  });

  afterEach(async () => {
    await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
  });

  it('should boot when each registered queue has exactly one processor, and list both', async () => {
    const module = await boot([processorFor(first, 'FirstProcessor'), processorFor(second, 'SecondProcessor')]);
    const sut = module.get(QueueTopology);

    expect(sut.queues().map((queue) => queue.name)).toEqual([first, second]);
    expect(sut.consumedQueueNames()).toEqual([first, second]);
    expect(sut.processors()).toEqual(
      new Map([
        [first, ['FirstProcessor']],
        [second, ['SecondProcessor']],
      ]),
    );
  });

  it('should fail the boot naming the queue that has no processor', async () => {
    const sut = await bootError([processorFor(first, 'FirstProcessor')]);

    expect(sut.message).toBe(`Queue topology: every consumed queue needs exactly one processor: no processor for ${second}`);
  });

  it('should fail the boot naming both queues when neither has a processor', async () => {
    const sut = await bootError([]);

    expect(sut.message).toBe(`Queue topology: every consumed queue needs exactly one processor: no processor for ${first}, ${second}`);
  });

  it('should fail the boot naming the queue with two processors, and the processors', async () => {
    const sut = await bootError([processorFor(first, 'FirstProcessor'), processorFor(first, 'AnotherFirstProcessor'), processorFor(second, 'SecondProcessor')]);

    expect(sut.message).toBe(`Queue topology: every consumed queue needs exactly one processor: more than one processor for ${first} (FirstProcessor, AnotherFirstProcessor)`);
  });

  it('should fail the boot naming a processor whose queue is not registered', async () => {
    const misspelt = `${first}s`;
    const sut = await bootError([processorFor(first, 'FirstProcessor'), processorFor(second, 'SecondProcessor'), processorFor(misspelt, 'TypoProcessor')]);

    expect(sut.message).toBe(`Queue topology: every consumed queue needs exactly one processor: processors of unregistered queues: ${misspelt} (TypoProcessor)`);
  });

  it('should find a processor provided by a factory, as @nestjs/bullmq does', async () => {
    const FirstProcessor = processorFor(first, 'FirstProcessor');

    const module = await boot([{ provide: 'first processor', useFactory: () => new FirstProcessor() }, processorFor(second, 'SecondProcessor')]);

    expect(module.get(QueueTopology).consumedQueueNames()).toEqual([first, second]);
  });

  it('should fail the boot naming a queue registered without its hash-tagged prefix', async () => {
    secondPrefix = undefined;

    const sut = await bootError([processorFor(first, 'FirstProcessor'), processorFor(second, 'SecondProcessor')]);

    expect(sut.message).toBe(`Queue topology: every queue must be registered through queueRegistration, for its Redis Cluster hash tag: ${second} (prefix bull)`);
  });

  it('should give a queue registered through queueRegistration, and its worker, the hash-tagged prefix', async () => {
    const FirstProcessor = processorFor(first, 'FirstProcessor');
    const module = await Test.createTestingModule({
      imports: [DiscoveryModule, BullModule.forRoot({ connection }), BullModule.registerQueueAsync(queueRegistration(first, 'worker', { attempts: 2 }))],
      providers: [QueueTopology, QueueTopologyCheck, FirstProcessor],
    }).compile();
    await module.init();
    cleanups.push(() => module.close());

    const [queue] = module.get(QueueTopology).queues();
    expect(queue.opts.prefix).toBe(`neonhub:{${first}}`);
    expect(queue.opts.defaultJobOptions).toEqual({ attempts: 2 });
    expect(module.get(FirstProcessor).worker.opts.prefix).toBe(`neonhub:{${first}}`);
  });

  it('should let a producing-only process boot with queues and no processor, since it does not check', async () => {
    const module = await boot([], false);

    expect(module.get(QueueTopology).queues().map((queue) => queue.name)).toEqual([first, second]);
    expect(module.get(QueueTopology).consumedQueueNames()).toEqual([]);
  });
});
