import { Inject, Injectable } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { RateLimitedError } from '../../common/errors/domain-errors';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { RedisService } from '../../infra/redis/redis.service';
import { KeyedRateLimiter } from '../../infra/resilience/keyed-rate-limiter';
import { retryAfterSeconds } from '../../infra/resilience/retry-after';
import { ProtectionMetrics } from '../metrics/protection-metrics';
import { rateLimiterPrefixes } from '../../infra/redis/redis-keys';

export class TooManyFailedAuthenticationsError extends RateLimitedError {
  constructor(retryAfterMs: number) {
    super(`too many failed authentication attempts from this address; retry after ${retryAfterSeconds(retryAfterMs)} s`, retryAfterMs);
  }
}

/**
 * Failed authentications per client address, counted in Redis so the budget holds across every
 * API process. Only failures take a point. An address that spent its budget is refused outright
 * until the window ends, valid key or not: if a valid key still passed, a guesser would learn
 * from 200 versus 429 which guess was right, and the limit would stop nothing.
 */
/** How long an address this process just found unblocked is taken as such without asking Redis. */
const CLEAR_FOR_MS = 1_000;
const MAX_CLEAR_ADDRESSES = 10_000;

@Injectable()
export class AuthFailureLimiter {
  private readonly limiter: KeyedRateLimiter;
  private readonly limit: number;
  /**
   * Addresses found unblocked in the last second, so a busy client's every request does not pay a
   * Redis round trip. Any failure seen here forgets the address at once, so a guesser (whose
   * requests fail) is always checked in Redis; only an address whose last request here succeeded
   * can pass for up to a second after another process blocked it.
   */
  private readonly clearUntil = new Map<string, number>();

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    redis: RedisService,
    private readonly logger: PinoLogger,
    private readonly metrics: ProtectionMetrics,
  ) {
    logger.setContext(AuthFailureLimiter.name);
    const { failureLimit, failureWindowSeconds } = config.auth;
    this.limit = failureLimit;
    // The budget is in the prefix: processes configured differently never share (and misread) counters.
    this.limiter = new KeyedRateLimiter(redis.client, {
      keyPrefix: rateLimiterPrefixes.authFailures(failureLimit, failureWindowSeconds),
      points: failureLimit,
      durationSeconds: failureWindowSeconds,
    });
  }

  /** Refuses an address whose failures reached the limit in the current window. */
  async assertNotBlocked(address: string): Promise<void> {
    if ((this.clearUntil.get(address) ?? 0) > Date.now()) return;
    await this.limiter.assertNotSpent(address, this.refuse);
    if (this.clearUntil.size >= MAX_CLEAR_ADDRESSES) this.clearUntil.clear();
    this.clearUntil.set(address, Date.now() + CLEAR_FOR_MS);
  }

  /** Counts one failure; the one that reaches the limit is logged, once per window. */
  async recordFailure(address: string): Promise<void> {
    this.clearUntil.delete(address);
    const left = await this.limiter.consume(address, this.refuse);
    // Counted once it is known to be answered 401: the failure past the limit is a 429, counted by refuse.
    this.metrics.authenticationFailed('invalid');
    if (left === 0) this.logger.warn({ address, limit: this.limit }, 'authentication failures reached the limit; address refused until the window ends');
  }

  /** A request that presented no credential: counted in the metrics only, as it is no guess (see ApiKeyGuard). */
  recordMissingCredential(): void {
    this.metrics.authenticationFailed('missing');
  }

  private readonly refuse = (retryAfterMs: number): TooManyFailedAuthenticationsError => {
    this.metrics.limited('auth_failures');
    return new TooManyFailedAuthenticationsError(retryAfterMs);
  };
}
