import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/app-config';
import { RedisService } from '../../infra/redis/redis.service';
import { OrganizationRunLimits } from './organization-run-limits';
import { organizationRunSlotKeys } from '../../infra/redis/redis-keys';

/**
 * KEYS: held, parked. ARGV: run, limit, now, lease ms, parked ttl ms. Drops the holders whose
 * lease lapsed (a crashed worker's), then grants when the run already holds a slot (a retried
 * job, or a slot handed to it on release) or one is free; else parks the run, keeping the time
 * it was first parked, so it keeps its place in line. 1 granted, 0 parked.
 */
const ACQUIRE = `
local held, parked = KEYS[1], KEYS[2]
local run, limit, now, lease = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
redis.call('ZREMRANGEBYSCORE', held, '-inf', now)
if redis.call('ZSCORE', held, run) or redis.call('ZCARD', held) < limit then
  redis.call('ZADD', held, now + lease, run)
  redis.call('PEXPIRE', held, lease * 2)
  redis.call('ZREM', parked, run)
  return 1
end
redis.call('ZADD', parked, 'NX', now, run)
redis.call('PEXPIRE', parked, ARGV[5])
return 0`;

/**
 * KEYS: held, parked. ARGV: run, limit, now, lease ms. Frees the run's slot and hands every free
 * slot to the longest-parked runs (oldest first), which hold it from now on: a run submitted
 * meanwhile cannot take it from them. Answers the runs handed a slot, for their jobs to be added.
 */
const RELEASE = `
local held, parked = KEYS[1], KEYS[2]
local limit, now, lease = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
redis.call('ZREM', held, ARGV[1])
redis.call('ZREMRANGEBYSCORE', held, '-inf', now)
local handed = {}
while redis.call('ZCARD', held) < limit do
  local oldest = redis.call('ZPOPMIN', parked)
  if #oldest == 0 then break end
  redis.call('ZADD', held, now + lease, oldest[1])
  handed[#handed + 1] = oldest[1]
end
if #handed > 0 then redis.call('PEXPIRE', held, lease * 2) end
return handed`;

/** A parked set nobody touched for this long is dropped; the sweeper re-enqueues what it held. */
const PARKED_TTL_MS = 24 * 60 * 60 * 1000;

export interface SlotRequest {
  organizationId: string;
  runId: string;
}

/** Whether the run may execute now; `limit` is the organization's, for the reason a parked run shows. */
export interface Acquired {
  granted: boolean;
  limit: number;
}

/** Runs handed a slot by a release, at `at` (the release's clock), each to be put back on the queue. */
export interface HandedSlots {
  runIds: string[];
  at: number;
}

/**
 * A semaphore per organization in Redis, shared by every worker: a sorted set of the runs holding
 * a slot, scored by when their hold lapses (renewed while they execute, so a crashed worker's
 * slot frees itself after one lease), and a sorted set of the runs parked for a slot, scored by
 * when they were first parked. One script call to acquire (or park), one to release (and hand
 * the freed slot on): a release can never miss a run that is parking at the same moment.
 *
 * Acquiring is idempotent per run, which a retried job and a handed slot need; the price is
 * that two jobs of one run executing at once (rare: the claim lets only one of them run it)
 * share one slot, and the first to finish frees it.
 */
@Injectable()
export class OrganizationRunSlots {
  /** Replaced by tests that step past a lease; the scores compare clocks of different processes, which may differ by far less than a lease. */
  now: () => number = Date.now;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly redis: RedisService,
    private readonly limits: OrganizationRunLimits,
  ) {}

  async acquire({ organizationId, runId }: SlotRequest): Promise<Acquired> {
    const limit = await this.limits.limitOf(organizationId);
    const [held, parked] = keysOf(organizationId);
    const granted = await this.redis.client.eval(ACQUIRE, 2, held, parked, runId, limit, this.now(), this.leaseMs, PARKED_TTL_MS);
    return { granted: granted === 1, limit };
  }

  /** Extends the run's hold by a lease; false when it had lapsed and was taken meanwhile. */
  async renew({ organizationId, runId }: SlotRequest): Promise<boolean> {
    const [held] = keysOf(organizationId);
    return (await this.redis.client.zadd(held, 'XX', 'CH', this.now() + this.leaseMs, runId)) === 1;
  }

  async release({ organizationId, runId }: SlotRequest): Promise<HandedSlots> {
    const limit = await this.limits.limitOf(organizationId);
    const [held, parked] = keysOf(organizationId);
    const at = this.now();
    const runIds = (await this.redis.client.eval(RELEASE, 2, held, parked, runId, limit, at, this.leaseMs)) as string[];
    return { runIds, at };
  }

  /** The runs holding a slot now and those parked, oldest first (tests, diagnostics). */
  async snapshot(organizationId: string): Promise<{ held: string[]; parked: string[] }> {
    const [held, parked] = keysOf(organizationId);
    const [heldNow, parkedNow] = await Promise.all([this.redis.client.zrangebyscore(held, this.now(), '+inf'), this.redis.client.zrange(parked, 0, -1)]);
    return { held: heldNow, parked: parkedNow };
  }

  /** The slot's lease is the run's: a slot outlives its crashed holder by no more than the run itself. */
  private get leaseMs(): number {
    return this.config.runs.leaseMs;
  }
}

/** Both scripts touch both keys: they share the organization's hash tag (redis-keys.ts). */
function keysOf(organizationId: string): [held: string, parked: string] {
  const { held, parked } = organizationRunSlotKeys(organizationId);
  return [held, parked];
}
