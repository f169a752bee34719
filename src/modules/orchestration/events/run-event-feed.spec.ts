import IORedis from 'ioredis';
import type { PinoLogger } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import { duplicateRedis } from '../../../infra/redis/redis-client';
import type { RedisService } from '../../../infra/redis/redis.service';
import { pollUntil } from '../../../../test/support/poll';
import { strictDouble } from '../../../../test/support/strict-double';
import { runEventChannel, type RunEventRecord } from './run-event';
import { RunEventFeed, type FeedMessage, type RunFollower } from './run-event-feed';

const REDIS_URL = process.env.TEST_REDIS_URL ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const ORGANIZATION = randomUUID();

/** A follower that records what it got and lets a test await its n-th message. */
class Recorder implements RunFollower {
  readonly messages: FeedMessage[] = [];
  ended = false;
  private waiters: Array<{ count: number; resolve: () => void }> = [];

  deliver(message: FeedMessage): void {
    this.messages.push(message);
    this.waiters = this.waiters.filter((w) => (this.messages.length >= w.count ? (w.resolve(), false) : true));
  }
  resync(): void {}
  end(): void {
    this.ended = true;
  }
  received(count: number): Promise<void> {
    return this.messages.length >= count ? Promise.resolve() : new Promise((resolve) => this.waiters.push({ count, resolve }));
  }
}

function stored(runId: string, id: string): RunEventRecord {
  return { id, organizationId: ORGANIZATION, runId, type: 'step.started', data: { step: 1 }, createdAt: new Date(0).toISOString() };
}

describe(RunEventFeed.name, () => {
  let client: IORedis;
  let publisher: IORedis;
  let sut: RunEventFeed;

  beforeEach(() => {
    client = new IORedis(REDIS_URL, { maxRetriesPerRequest: 1 });
    publisher = new IORedis(REDIS_URL, { maxRetriesPerRequest: 1 });
    const logger = strictDouble<PinoLogger>('PinoLogger', { setContext: jest.fn(), warn: jest.fn(), info: jest.fn() });
    sut = new RunEventFeed(strictDouble<RedisService>('RedisService', { client, duplicate: (behaviour) => duplicateRedis(client, behaviour) }), logger);
    sut.onModuleInit();
  });
  afterEach(() => {
    sut.beforeApplicationShutdown();
    client.disconnect();
    publisher.disconnect();
  });

  /** How many connections Redis has subscribed to the run's channel. */
  const subscribers = async (runId: string) => {
    const [, count] = (await publisher.pubsub('NUMSUB', runEventChannel(runId))) as [string, number];
    return Number(count);
  };
  const publish = (runId: string, id: string) => publisher.publish(runEventChannel(runId), JSON.stringify(stored(runId, id)));

  it('should subscribe a run once however many follow it, and unsubscribe when the last one leaves', async () => {
    const runId = randomUUID();
    const [first, second] = [new Recorder(), new Recorder()];

    const leaveFirst = await sut.follow(runId, first);
    const leaveSecond = await sut.follow(runId, second);
    expect(await subscribers(runId)).toBe(1);

    await publish(runId, '1');
    await Promise.all([first.received(1), second.received(1)]);
    leaveFirst();
    expect(await subscribers(runId)).toBe(1);
    await publish(runId, '2');
    await second.received(2);
    leaveSecond();

    await pollUntil(() => subscribers(runId), (n) => n === 0, { what: 'the channel to be unsubscribed' });
    expect(sut.followedRuns).toBe(0);
    expect(first.messages.map((m) => m.event)).toEqual([stored(runId, '1')]);
    expect(second.messages.map((m) => (m.event as RunEventRecord).id)).toEqual(['1', '2']);
  });

  it('should stay subscribed when a run is left and followed again at once', async () => {
    const runId = randomUUID();
    const leave = await sut.follow(runId, new Recorder());
    leave();
    const again = new Recorder();

    await sut.follow(runId, again);
    await publish(runId, '7');

    await again.received(1);
    expect(await subscribers(runId)).toBe(1);
  });

  it('should parse and serialize each message once for all the followers of a run', async () => {
    const runIds = Array.from({ length: 50 }, () => randomUUID());
    const followers = runIds.flatMap((runId) => Array.from({ length: 10 }, () => ({ runId, follower: new Recorder() })));
    await Promise.all(followers.map(({ runId, follower }) => sut.follow(runId, follower)));

    await Promise.all(runIds.map((runId) => publish(runId, '1')));
    await Promise.all(followers.map(({ follower }) => follower.received(1)));

    expect(sut.followedRuns).toBe(50);
    expect(await subscribers(runIds[0])).toBe(1);
    for (const runId of runIds) {
      const mine = followers.filter((f) => f.runId === runId).map((f) => f.follower.messages);
      expect(mine.every((messages) => messages.length === 1 && messages[0] === mine[0][0])).toBe(true);
      expect(JSON.parse(mine[0][0].json)).toEqual({ id: '1', runId, type: 'step.started', data: { step: 1 }, createdAt: new Date(0).toISOString() });
    }
  });

  it('should drop an unreadable message and go on delivering', async () => {
    const runId = randomUUID();
    const follower = new Recorder();
    await sut.follow(runId, follower);

    await publisher.publish(runEventChannel(runId), 'not json');
    await publish(runId, '3');

    await follower.received(1);
    expect(follower.messages.map((m) => (m.event as RunEventRecord).id)).toEqual(['3']);
  });

  it('should end every follower at shutdown, so open streams do not hold the server open', async () => {
    const followers = [new Recorder(), new Recorder()];
    await sut.follow(randomUUID(), followers[0]);
    await sut.follow(randomUUID(), followers[1]);

    sut.beforeApplicationShutdown();

    expect(followers.map((f) => f.ended)).toEqual([true, true]);
  });
});
