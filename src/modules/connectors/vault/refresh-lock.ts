import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { RedisService } from '../../../infra/redis/redis.service';
import { connectorRefreshLockKey } from '../../../infra/redis/redis-keys';

/** A held lock; `release` frees it only if it is still ours (it may have expired and been taken). */
export interface HeldLock {
  release(): Promise<void>;
}

/**
 * 'held': someone else is refreshing. 'unavailable': the lock backend is down (the caller decides
 * whether to go on without it).
 */
export type LockAttempt = HeldLock | 'held' | 'unavailable';

export interface RefreshLock {
  tryAcquire(connectionId: string): Promise<LockAttempt>;
  /** Resolves once the lock is free or `maxWaitMs` passed, whichever comes first. */
  waitForRelease(connectionId: string, maxWaitMs: number): Promise<void>;
}

export const REFRESH_LOCK = Symbol('REFRESH_LOCK');

/** Longer than the token request's own timeout (10 s), so a live holder never loses it mid-refresh. */
export const REFRESH_LOCK_TTL_MS = 15_000;
const POLL_MS = 50;

// Delete only our own token: a holder that overran its TTL must not free a successor's lock.
const RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

/** One token refresh per connection across every API and worker process: SET NX PX in Redis. */
@Injectable()
export class RedisRefreshLock implements RefreshLock {
  constructor(private readonly redis: RedisService) {}

  async tryAcquire(connectionId: string): Promise<LockAttempt> {
    const key = lockKey(connectionId);
    const token = randomUUID();
    let answer: string | null;
    try {
      answer = await this.redis.client.set(key, token, 'PX', REFRESH_LOCK_TTL_MS, 'NX');
    } catch {
      return 'unavailable';
    }
    if (answer !== 'OK') return 'held';
    return { release: async () => void (await this.redis.client.eval(RELEASE, 1, key, token).catch(() => undefined)) };
  }

  /** Polling rather than pub/sub: the wait is rare and short, and a released key needs no publisher to be seen. */
  async waitForRelease(connectionId: string, maxWaitMs: number): Promise<void> {
    const deadline = Date.now() + maxWaitMs;
    while (Date.now() < deadline) {
      const exists = await this.redis.client.exists(lockKey(connectionId)).catch(() => 0);
      if (!exists) return;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }
}

function lockKey(connectionId: string): string {
  return connectorRefreshLockKey(connectionId);
}
