import { ValidationFailedError } from '../../../src/common/errors/domain-errors';
import { validatePlain } from '../../../src/common/validation/validate-plain';
import type { RedisService } from '../../../src/infra/redis/redis.service';
import type { ConnectorDefinition } from '../../../src/modules/connectors/connector-definition';
import type { ConnectorAction, ConnectorCallContext, ConnectorProvider } from '../../../src/modules/connectors/connector.types';
import { ProviderHttpClient } from '../../../src/modules/connectors/http/provider-http-client';
import { MockConnector } from '../../../src/modules/connectors/mock/mock-connector';
import { MockState, type FailureRule, type MockFailure, type OutboxEntry } from '../../../src/modules/connectors/mock/mock-state';
import { RealConnector } from '../../../src/modules/connectors/real-connector';
import { strictDouble } from '../strict-double';

/** 2031-05-01T12:00:00Z: the contract suites' mock clock. */
const MOCK_CLOCK = Date.UTC(2031, 4, 1, 12);

/** Inputs one action must accept and reject, identically in mock and real mode. */
export interface ContractCase {
  action: string;
  valid: object[];
  invalid: object[];
}

/** A running local protocol peer (fake API server) and the credentials it expects. */
export interface ContractPeer {
  baseUrl: string;
  secrets: Record<string, string>;
  metadata: Record<string, string>;
  stop(): Promise<void>;
}

export interface ContractRealTarget {
  start(): Promise<ContractPeer>;
}

/**
 * MockState kept in Maps, so the contract needs no Redis. Strict: its Redis handle throws on any
 * use, so a MockState method this fake forgot to implement fails loudly instead of silently.
 */
export class InMemoryMockState extends MockState {
  private readonly sequences = new Map<string, number>();
  private readonly answers = new Map<string, unknown>();
  private readonly outboxes = new Map<string, OutboxEntry[]>();
  private readonly rules = new Map<string, FailureRule[]>();
  private readonly facts = new Map<string, string>();

  constructor() {
    super(strictDouble<RedisService>('RedisService', {}));
  }

  override async nextSequence(organizationId: string, connector: string): Promise<number> {
    const next = (this.sequences.get(`${organizationId}:${connector}`) ?? 0) + 1;
    this.sequences.set(`${organizationId}:${connector}`, next);
    return next;
  }

  override async remember(organizationId: string, idempotencyKey: string, output: unknown): Promise<void> {
    // Round-trips through JSON like the Redis-backed state, so a non-JSON answer shows up here too.
    this.answers.set(`${organizationId}:${idempotencyKey}`, JSON.parse(JSON.stringify(output ?? null)));
  }

  override async recall(organizationId: string, idempotencyKey: string): Promise<{ output: unknown } | undefined> {
    const key = `${organizationId}:${idempotencyKey}`;
    return this.answers.has(key) ? { output: this.answers.get(key) } : undefined;
  }

  override async appendOutbox(organizationId: string, entry: OutboxEntry): Promise<void> {
    this.outboxes.set(organizationId, [...(this.outboxes.get(organizationId) ?? []), entry]);
  }

  override async outbox(organizationId: string): Promise<OutboxEntry[]> {
    return [...(this.outboxes.get(organizationId) ?? [])];
  }

  override async clearOutbox(organizationId: string): Promise<void> {
    this.outboxes.delete(organizationId);
  }

  override async fact(organizationId: string, connector: string, name: string): Promise<string | undefined> {
    return this.facts.get(`${organizationId}:${connector}:${name}`);
  }

  override async setFact(organizationId: string, connector: string, name: string, value: string): Promise<void> {
    this.facts.set(`${organizationId}:${connector}:${name}`, value);
  }

  override async setFailures(organizationId: string, rules: FailureRule[]): Promise<void> {
    this.rules.set(organizationId, rules.map((r) => ({ ...r })));
  }

  override async failures(organizationId: string): Promise<FailureRule[]> {
    return (this.rules.get(organizationId) ?? []).map((r) => ({ ...r }));
  }

  override async takeFailure(organizationId: string, connector: string, action: string): Promise<MockFailure | undefined> {
    const rule = (this.rules.get(organizationId) ?? []).find((r) => r.connector === connector && (!r.action || r.action === action) && r.remaining > 0);
    if (!rule) return undefined;
    rule.remaining -= 1;
    return rule.failure;
  }
}

/**
 * Where `actual` differs from `example` in keys or value types (arrays: every item against the
 * example's first). An empty array where the example has items proves nothing, so it counts too.
 */
export function shapeMismatches(actual: unknown, example: unknown, path = 'output'): string[] {
  const kind = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
  if (kind(actual) !== kind(example)) return [`${path}: ${kind(actual)} where the example has ${kind(example)}`];
  if (Array.isArray(example)) {
    const items = actual as unknown[];
    if (example.length === 0) return [];
    if (items.length === 0) return [`${path}: empty, so its items cannot be compared with the example's`];
    return items.flatMap((item, i) => shapeMismatches(item, example[0], `${path}[${i}]`));
  }
  if (kind(example) !== 'object') return [];
  const a = actual as Record<string, unknown>;
  const e = example as Record<string, unknown>;
  const missing = Object.keys(e).filter((k) => !(k in a)).map((k) => `${path}.${k}: missing`);
  const extra = Object.keys(a).filter((k) => !(k in e)).map((k) => `${path}.${k}: not in the example`);
  const nested = Object.keys(e).filter((k) => k in a).flatMap((k) => shapeMismatches(a[k], e[k], `${path}.${k}`));
  return [...missing, ...extra, ...nested];
}

/** What ConnectorsService does before a provider sees the input, and counts what got through. */
class Invoker {
  calls = 0;

  constructor(readonly provider: ConnectorProvider, private readonly context: () => Omit<ConnectorCallContext, 'idempotencyKey'>) {}

  async invoke(action: ConnectorAction, input: object, idempotencyKey: string): Promise<unknown> {
    const parsed = await validatePlain(action.input, input, 'input', `input for ${this.provider.manifest.key}.${action.name}`);
    this.calls += 1;
    return this.provider.execute(action.name, parsed, { ...this.context(), idempotencyKey });
  }
}

const ORGANIZATION_ID = 'org-contract';

/**
 * One contract, two implementations: the mock and (when the manifest has one) the real provider
 * pointed at its local protocol peer accept the same valid inputs, reject the same invalid ones
 * before any call, and answer in the manifest's output shape. Call it from a vendor's
 * contract.spec.ts.
 */
export function runConnectorContract(definition: ConnectorDefinition, cases: ContractCase[], real?: ContractRealTarget): void {
  const { manifest } = definition;
  const actionNamed = (name: string): ConnectorAction => {
    const action = manifest.actions.find((a) => a.name === name);
    if (!action) throw new Error(`${manifest.key} has no action ${name}`);
    return action;
  };
  const baseContext = { organizationId: ORGANIZATION_ID, connectionName: 'default', signal: new AbortController().signal };
  // Mock timestamps follow the clock: fixed here, so two mocks' answers compare exactly.
  const newMock = () => new Invoker(new MockConnector(manifest, definition.mock, new InMemoryMockState(), () => MOCK_CLOCK), () => ({ ...baseContext, secrets: {}, metadata: {} }));

  describe(`${manifest.displayName} connector contract`, () => {
    let mock: Invoker;
    let peer: ContractPeer | undefined;
    let realInvoker: Invoker | undefined;

    beforeAll(async () => {
      mock = newMock();
      if (!real || !definition.real) return;
      const started = await real.start();
      peer = started;
      const actions = definition.real({ baseUrl: started.baseUrl, http: (o = {}) => new ProviderHttpClient(o.baseUrl ?? started.baseUrl, manifest.key, o.refine) });
      realInvoker = new Invoker(new RealConnector(manifest, actions), () => ({ ...baseContext, secrets: started.secrets, metadata: started.metadata }));
    });

    afterAll(async () => {
      await peer?.stop();
    });

    const both = () => [mock, ...(realInvoker ? [realInvoker] : [])];

    it('should offer a real implementation, with a peer to prove it, exactly when the manifest says so', () => {
      expect(Boolean(definition.real)).toBe(manifest.realAvailable);
      expect(Boolean(real)).toBe(manifest.realAvailable);
    });

    it('should cover every action with valid and invalid inputs and a mock answer', () => {
      const names = manifest.actions.map((a) => a.name).sort();
      expect(cases.map((c) => c.action).sort()).toEqual(names);
      expect(Object.keys(definition.mock).sort()).toEqual(names);
      for (const c of cases) expect([c.action, c.valid.length > 0, c.invalid.length > 0]).toEqual([c.action, true, true]);
    });

    describe.each(cases)('$action', (c) => {
      it('should accept every valid input in both modes and answer in the shape of outputExample', async () => {
        const action = actionNamed(c.action);
        for (const [i, input] of c.valid.entries()) {
          for (const sut of both()) {
            const output = await sut.invoke(action, input, `contract-${c.action}-${i}`);
            expect({ mode: sut.provider.mode, input, problems: shapeMismatches(output, action.outputExample) }).toEqual({ mode: sut.provider.mode, input, problems: [] });
            expect(JSON.parse(JSON.stringify(output))).toEqual(output);
          }
        }
      });

      it('should reject every invalid input in both modes before the provider is called', async () => {
        const action = actionNamed(c.action);
        for (const [i, input] of c.invalid.entries()) {
          for (const sut of both()) {
            const before = sut.calls;
            await expect(sut.invoke(action, input, `contract-invalid-${c.action}-${i}`)).rejects.toBeInstanceOf(ValidationFailedError);
            expect(sut.calls).toBe(before);
          }
        }
      });

      it('should answer identically from the same mock state and clock (deterministic)', async () => {
        const action = actionNamed(c.action);
        const first = newMock();
        const second = newMock();
        for (const [i, input] of c.valid.entries()) {
          expect(await first.invoke(action, input, `det-${i}`)).toEqual(await second.invoke(action, input, `det-${i}`));
        }
      });
    });
  });
}
