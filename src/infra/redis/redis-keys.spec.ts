import { QueueKeys } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { hashSlot } from '../../../test/support/hash-slot';
import { ALL_RUN_QUEUES } from '../../modules/agents/agent-queues';
import { INTAKE_QUEUES } from '../../modules/knowledge/pipeline/intake-jobs';
import { SCHEDULE_TICK_QUEUE } from '../../modules/schedules/queue/schedule-tick';
import { WEBHOOK_DELIVER_QUEUE } from '../../modules/webhooks/delivery/webhook-job';
import { organizationRunSlotKeys, queuePrefix } from './redis-keys';

/** Every queue the service registers, by the names its metrics and dashboards label them with. */
const QUEUES = [...ALL_RUN_QUEUES, ...Object.values(INTAKE_QUEUES), SCHEDULE_TICK_QUEUE, WEBHOOK_DELIVER_QUEUE];

/** The keys a BullMQ script may touch for one queue: its structural keys, as BullMQ builds them, and a job's own. */
function bullMqKeysOf(queue: string): string[] {
  const keys = new QueueKeys(queuePrefix(queue));
  const jobKey = keys.toKey(queue, `run-${randomUUID()}-1`);
  return [...Object.values(keys.getKeys(queue)), jobKey, `${jobKey}:lock`, `${jobKey}:logs`, `${jobKey}:dependencies`, keys.toKey(queue, 'repeat:tick-1')];
}

describe('redis-keys', () => {
  it('should compute slots as Redis does (CLUSTER KEYSLOT answers 12182 for foo, and hashes only a tag)', () => {
    expect(hashSlot('foo')).toBe(12182);
    expect(hashSlot('{user1000}.following')).toBe(hashSlot('user1000'));
  });

  it.each(QUEUES)('should put every key of queue %s in one slot, so no BullMQ script meets CROSSSLOT', (queue) => {
    const keys = bullMqKeysOf(queue);

    expect(new Set(keys.map(hashSlot))).toEqual(new Set([hashSlot(queue)]));
  });

  it('should keep the queue names (the metrics labels) and tag the prefix with each', () => {
    expect(queuePrefix('agent.run')).toBe('neonhub:{agent.run}');
    expect(new QueueKeys(queuePrefix('email.send')).toKey('email.send', 'wait')).toBe('neonhub:{email.send}:email.send:wait');
  });

  it('should spread the queues over more than one slot, since no operation spans two queues', () => {
    expect(new Set(QUEUES.map((queue) => hashSlot(queuePrefix(queue)))).size).toBeGreaterThan(QUEUES.length / 2);
  });

  it('should put both keys of an organization run semaphore in one slot, as its scripts need', () => {
    for (let i = 0; i < 50; i++) {
      const { held, parked } = organizationRunSlotKeys(randomUUID());

      expect(hashSlot(parked)).toBe(hashSlot(held));
    }
  });

  it('should place different organizations semaphores in different slots, so the cluster spreads them', () => {
    const slots = new Set(Array.from({ length: 50 }, () => hashSlot(organizationRunSlotKeys(randomUUID()).held)));

    expect(slots.size).toBeGreaterThan(40);
  });
});
