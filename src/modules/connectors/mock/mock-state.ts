import { Injectable } from '@nestjs/common';
import { RedisService } from '../../../infra/redis/redis.service';
import { ConnectorError } from '../connector-error';
import { mockStateKey } from '../../../infra/redis/redis-keys';

export const MOCK_FAILURES = ['RATE_LIMITED', 'TIMEOUT', 'PROVIDER_ERROR', 'AUTH_REVOKED'] as const;
export type MockFailure = (typeof MOCK_FAILURES)[number];

export interface OutboxEntry {
  connector: string;
  action: string;
  sequence: number;
  input: unknown;
  output: unknown;
  idempotencyKey: string;
}

export interface FailureRule {
  connector: string;
  action?: string;
  failure: MockFailure;
  /** How many calls fail before the rule is used up. */
  remaining: number;
}

const OUTBOX_LIMIT = 1000;
const key = mockStateKey;

/**
 * What mocks remember, in Redis so the API and every worker see the same thing: a sequence per
 * (organization, connector) for deterministic ids, the outbox of everything "sent", failure
 * rules set through the API, idempotency records (a repeated key returns the first answer) and
 * the facts writes left for later reads (a campaign's budget).
 */
@Injectable()
export class MockState {
  constructor(private readonly redis: RedisService) {}

  private get client() {
    if (!this.redis.isAvailable) throw new ConnectorError('PROVIDER_UNAVAILABLE', 'mock connectors keep their state in Redis, which is unreachable');
    return this.redis.client;
  }

  nextSequence(organizationId: string, connector: string): Promise<number> {
    return this.client.incr(key('seq', organizationId, `:${connector}`));
  }

  async remember(organizationId: string, idempotencyKey: string, output: unknown): Promise<void> {
    await this.client.set(key('idem', organizationId, `:${idempotencyKey}`), JSON.stringify(output ?? null), 'EX', 86_400);
  }

  async recall(organizationId: string, idempotencyKey: string): Promise<{ output: unknown } | undefined> {
    const raw = await this.client.get(key('idem', organizationId, `:${idempotencyKey}`));
    return raw === null ? undefined : { output: JSON.parse(raw) as unknown };
  }

  async appendOutbox(organizationId: string, entry: OutboxEntry): Promise<void> {
    await this.client.multi().rpush(key('outbox', organizationId), JSON.stringify(entry)).ltrim(key('outbox', organizationId), -OUTBOX_LIMIT, -1).exec();
  }

  async outbox(organizationId: string): Promise<OutboxEntry[]> {
    return (await this.client.lrange(key('outbox', organizationId), 0, -1)).map((raw) => JSON.parse(raw) as OutboxEntry);
  }

  async clearOutbox(organizationId: string): Promise<void> {
    await this.client.del(key('outbox', organizationId));
  }

  /** A fact a mock remembers for an organization (mock-connector.ts MockFacts), e.g. a campaign's budget. */
  async fact(organizationId: string, connector: string, name: string): Promise<string | undefined> {
    return (await this.client.hget(key('facts', organizationId, `:${connector}`), name)) ?? undefined;
  }

  async setFact(organizationId: string, connector: string, name: string, value: string): Promise<void> {
    await this.client.hset(key('facts', organizationId, `:${connector}`), name, value);
  }

  async setFailures(organizationId: string, rules: FailureRule[]): Promise<void> {
    const k = key('failures', organizationId);
    const transaction = this.client.multi().del(k);
    if (rules.length) transaction.rpush(k, ...rules.map((r) => JSON.stringify(r)));
    await transaction.exec();
  }

  async failures(organizationId: string): Promise<FailureRule[]> {
    return (await this.client.lrange(key('failures', organizationId), 0, -1)).map((raw) => JSON.parse(raw) as FailureRule);
  }

  /** Uses up one matching rule, atomically enough for tests: rules are per organization. */
  async takeFailure(organizationId: string, connector: string, action: string): Promise<MockFailure | undefined> {
    const rules = await this.failures(organizationId);
    const index = rules.findIndex((r) => r.connector === connector && (!r.action || r.action === action) && r.remaining > 0);
    if (index < 0) return undefined;
    const rule = rules[index];
    rule.remaining -= 1;
    await this.client.lset(key('failures', organizationId), index, JSON.stringify(rule));
    return rule.failure;
  }
}
