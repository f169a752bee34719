import { PinoLogger } from 'nestjs-pino';
import { Pool } from 'pg';
import { register } from 'prom-client';
import type { AppConfig } from '../../src/config/app-config';
import { APP_CONFIG } from '../../src/config/config.module';
import { Sql } from '../../src/infra/database/sql';
import { RedisService } from '../../src/infra/redis/redis.service';
import { BudgetExceededError } from '../../src/modules/llm/usage/budget-exceeded.error';
import { LLM_BUDGET_USED_RATIO, LlmMetrics } from '../../src/modules/llm/usage/llm-metrics';
import { TokenBudget } from '../../src/modules/llm/usage/token-budget';
import { useE2eApp } from '../support/e2e-context';
import { strictDouble } from '../support/strict-double';

const quietLogger = { setContext: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined } as unknown as PinoLogger;

/** The monthly token budget, counted in Redis across processes and backed by what the database recorded. */
describe(TokenBudget.name, () => {
  // Declared before the app's hooks so it runs before the app drops the database under the pool.
  afterAll(async () => {
    await redis?.onApplicationShutdown();
    await pool?.end();
  });
  const app = useE2eApp();
  let pool: Pool;
  let redis: RedisService;
  /** A process whose Redis is down: RedisService reports it unavailable, and any command would fail. */
  const offline = strictDouble<RedisService>('RedisService', { isAvailable: false });
  /** A second process: its own pool, its own Redis connection, the same Redis and database. */
  let otherProcess: TokenBudget;
  let thisProcess: TokenBudget;

  beforeAll(() => {
    const config = app.app.get<AppConfig>(APP_CONFIG);
    pool = new Pool({ connectionString: app.db.url, max: 2 });
    redis = new RedisService(config, quietLogger);
    otherProcess = new TokenBudget(new Sql(pool), redis, config, quietLogger, app.app.get(LlmMetrics, { strict: false }));
    thisProcess = app.app.get(TokenBudget);
  });
  async function organizationWithBudget(tokens: number): Promise<string> {
    const tenant = await app.tenant('budget');
    await app.sql.query('UPDATE organizations SET monthly_token_budget = $2 WHERE id = $1', [tenant.organizationId, tokens]);
    return tenant.organizationId;
  }

  /** A recorded model call of `tokens` input tokens, as the step log writes it. */
  async function recordedCall(organizationId: string, tokens: number): Promise<void> {
    const agent = await app.sql.query("INSERT INTO agents (organization_id, name, kind, updated_at) VALUES ($1, 'budget-test', 'CONTENT', now()) ON CONFLICT (organization_id, name) DO UPDATE SET name = EXCLUDED.name RETURNING id", [organizationId]);
    const run = await app.sql.query("INSERT INTO agent_runs (organization_id, agent_id, updated_at) VALUES ($1, $2, now()) RETURNING id", [organizationId, agent.rows[0].id]);
    await app.sql.query(
      "INSERT INTO tool_executions (organization_id, run_id, tool_name, action, step, status, model, provider, input_tokens, output_tokens) VALUES ($1, $2, 'llm', 'generate', 1, 'SUCCEEDED', 'm', 'p', $3, 0)",
      [organizationId, run.rows[0].id, tokens],
    );
  }

  it('should let concurrent calls from two processes together reserve no more than the budget', async () => {
    const organizationId = await organizationWithBudget(1_000);

    const attempts = Array.from({ length: 30 }, (_, i) => (i % 2 ? thisProcess : otherProcess).reserve(organizationId, 100));
    const outcomes = await Promise.allSettled(attempts);

    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(10);
    const refusals = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(refusals).toHaveLength(20);
    for (const refusal of refusals) expect(refusal.reason).toBeInstanceOf(BudgetExceededError);
  });

  it('should count what a call really used, and give back what a failed call reserved', async () => {
    const organizationId = await organizationWithBudget(1_000);

    const used = await thisProcess.reserve(organizationId, 600);
    await thisProcess.settle(used, 150);
    const failed = await otherProcess.reserve(organizationId, 800);
    await otherProcess.release(failed);

    // 150 used: 850 fit, 851 do not.
    await expect(otherProcess.reserve(organizationId, 851)).rejects.toThrow(BudgetExceededError);
    await expect(thisProcess.reserve(organizationId, 850)).resolves.toMatchObject({ counted: true });
  });

  it('should start a missing counter from what the database recorded this month', async () => {
    const organizationId = await organizationWithBudget(1_000);
    await recordedCall(organizationId, 900);

    await expect(thisProcess.reserve(organizationId, 101)).rejects.toThrow('900 of 1000 tokens used');
    await expect(thisProcess.reserve(organizationId, 100)).resolves.toMatchObject({ counted: true });
  });

  it('should publish the share of the budget an organization has used, refusals included, for the budget-nearly-spent alert', async () => {
    const organizationId = await organizationWithBudget(1_000);
    const ratio = async () => (await register.getSingleMetric(LLM_BUDGET_USED_RATIO)!.get()).values.find((v) => v.labels.organization === organizationId)?.value;

    await thisProcess.reserve(organizationId, 850);
    expect(await ratio()).toBe(0.85);
    await expect(thisProcess.reserve(organizationId, 200)).rejects.toThrow(BudgetExceededError);
    expect(await ratio()).toBe(0.85);
    await thisProcess.reserve(organizationId, 100);
    expect(await ratio()).toBe(0.95);
  });

  it('should ask the database while Redis is unreachable, refusing what the recorded usage leaves no room for', async () => {
    const organizationId = await organizationWithBudget(1_000);
    await recordedCall(organizationId, 950);
    const withoutRedis = new TokenBudget(new Sql(pool), offline, app.app.get<AppConfig>(APP_CONFIG), quietLogger, app.app.get(LlmMetrics, { strict: false }));

    await expect(withoutRedis.reserve(organizationId, 100)).rejects.toThrow(BudgetExceededError);
    await expect(withoutRedis.reserve(organizationId, 50)).resolves.toEqual(expect.objectContaining({ counted: false }));
  });

  it('should not count at all for an organization without a limit', async () => {
    const organizationId = await organizationWithBudget(0);

    await expect(thisProcess.reserve(organizationId, 10_000_000_000)).resolves.toMatchObject({ counted: false });
  });
});
