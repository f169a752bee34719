import { Inject, Injectable } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { APP_CONFIG } from '../../../config/config.module';
import type { AppConfig } from '../../../config/app-config';
import { Sql } from '../../../infra/database/sql';
import { RedisService } from '../../../infra/redis/redis.service';
import { BudgetExceededError } from './budget-exceeded.error';
import { LlmMetrics } from './llm-metrics';
import { monthBounds, utcMonthOf } from './month';
import { USAGE_SQL } from './usage-sql';
import { tokenBudgetKey } from '../../../infra/redis/redis-keys';

/** Tokens held for a call in flight; settled with what the call really used, or released. */
export interface Reservation {
  organizationId: string;
  month: string;
  tokens: number;
  /** False when the counter was unreachable: nothing to settle. */
  counted: boolean;
}

const KEY_TTL_SECONDS = 40 * 24 * 3600;
const BUDGET_CACHE_MS = 10_000;

/*
 * Reserve atomically: add the estimate, and take it back when it does not fit. Returns the new
 * total, or -(used + 1) when refused (so a refusal at 0 used is still negative), or nil when the counter is missing (then the caller seeds it
 * from the database and tries again). One round trip per call in the common case.
 */
const RESERVE_SCRIPT = `
if redis.call('EXISTS', KEYS[1]) == 0 then return nil end
local total = redis.call('INCRBY', KEYS[1], ARGV[1])
if total > tonumber(ARGV[2]) then
  redis.call('DECRBY', KEYS[1], ARGV[1])
  return -(total - tonumber(ARGV[1])) - 1
end
redis.call('EXPIRE', KEYS[1], ARGV[3])
return total`;

/**
 * The monthly token budget of each organization, counted across every API and worker process in
 * Redis (one counter per organization and UTC month). The counter is a cache of what the database
 * recorded: seeded from it when missing, and the database is asked directly while Redis is down, so
 * a Redis outage neither stops model calls nor lets a budget be overspent by more than the calls in
 * flight. Concurrent calls reserve their estimate first, so together they cannot pass the budget.
 */
@Injectable()
export class TokenBudget {
  private readonly budgets = new Map<string, { value: number; until: number }>();

  constructor(
    private readonly sql: Sql,
    private readonly redis: RedisService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly logger: PinoLogger,
    private readonly metrics: LlmMetrics,
  ) {
    logger.setContext(TokenBudget.name);
  }

  /** Holds `tokens` of this month's budget, or throws BudgetExceededError before any model is asked. */
  async reserve(organizationId: string, tokens: number, now = new Date()): Promise<Reservation> {
    const month = utcMonthOf(now);
    const budget = await this.budgetOf(organizationId);
    if (budget === 0) return { organizationId, month, tokens, counted: false };
    if (!this.redis.isAvailable) {
      const used = await this.usedFromDatabase(organizationId, month);
      this.metrics.budgetSeen(organizationId, month, used + tokens > budget ? used : used + tokens, budget);
      if (used + tokens > budget) throw new BudgetExceededError({ budget, used, requested: tokens, month });
      return { organizationId, month, tokens, counted: false };
    }
    const key = this.keyOf(organizationId, month);
    let result = await this.tryReserve(key, tokens, budget);
    if (result === null) {
      const used = await this.usedFromDatabase(organizationId, month);
      await this.redis.client.set(key, used, 'EX', KEY_TTL_SECONDS, 'NX');
      result = await this.tryReserve(key, tokens, budget);
    }
    if (result !== null) this.metrics.budgetSeen(organizationId, month, result < 0 ? -result - 1 : result, budget);
    if (result !== null && result < 0) throw new BudgetExceededError({ budget, used: -result - 1, requested: tokens, month });
    return { organizationId, month, tokens, counted: result !== null };
  }

  /** Replaces the reservation with the tokens the call really used (more or fewer). */
  async settle(reservation: Reservation, usedTokens: number): Promise<void> {
    await this.adjust(reservation, usedTokens - reservation.tokens);
  }

  /** The call failed before the model answered: give the reservation back. */
  async release(reservation: Reservation): Promise<void> {
    await this.adjust(reservation, -reservation.tokens);
  }

  /** The month's budget of an organization (0 = no limit); its own, else the deployment's default. */
  async budgetOf(organizationId: string): Promise<number> {
    const cached = this.budgets.get(organizationId);
    if (cached && cached.until > Date.now()) return cached.value;
    const row = await this.sql.maybeOne<{ monthly_token_budget: string | null }>(USAGE_SQL.organizationBudget, [organizationId]);
    const value = row?.monthly_token_budget != null ? Number(row.monthly_token_budget) : this.config.llm.monthlyTokenBudget;
    this.budgets.set(organizationId, { value, until: Date.now() + BUDGET_CACHE_MS });
    return value;
  }

  async usedFromDatabase(organizationId: string, month: string): Promise<number> {
    const { from, to } = monthBounds(month);
    const row = await this.sql.maybeOne<{ tokens: string }>(USAGE_SQL.monthTokens, [organizationId, from, to]);
    return Number(row?.tokens ?? 0);
  }

  private async tryReserve(key: string, tokens: number, budget: number): Promise<number | null> {
    return (await this.redis.client.eval(RESERVE_SCRIPT, 1, key, tokens, budget, KEY_TTL_SECONDS)) as number | null;
  }

  private async adjust(reservation: Reservation, delta: number): Promise<void> {
    if (!reservation.counted || delta === 0) return;
    try {
      await this.redis.client.incrby(this.keyOf(reservation.organizationId, reservation.month), delta);
    } catch (error) {
      // The call already happened; its tokens are in the database and the next seed counts them.
      this.logger.warn({ organizationId: reservation.organizationId, err: error }, 'token budget counter not adjusted');
    }
  }

  private keyOf(organizationId: string, month: string): string {
    return tokenBudgetKey(organizationId, month);
  }
}
