import { createHash } from 'node:crypto';
import { ConnectorError } from '../connector-error';
import type { MockBehaviour } from '../connector-definition';
import type { ConnectorCallContext, ConnectorManifest, ConnectorProvider } from '../connector.types';
import { MockFailure, MockState } from './mock-state';

const FAILURES: Record<MockFailure, (key: string) => ConnectorError> = {
  RATE_LIMITED: (key) => new ConnectorError('RATE_LIMITED', `${key} (mock): rate limited`, { retryAfterMs: 1_000, providerStatus: 429, requestSent: true }),
  TIMEOUT: (key) => new ConnectorError('TIMEOUT', `${key} (mock): no answer in time`, { requestSent: true }),
  PROVIDER_ERROR: (key) => new ConnectorError('PROVIDER_UNAVAILABLE', `${key} (mock): provider answered 503`, { providerStatus: 503, requestSent: true }),
  AUTH_REVOKED: (key) => new ConnectorError('REAUTH_REQUIRED', `${key} (mock): access was revoked; reconnect the connector`, { providerStatus: 401, requestSent: true }),
};

/**
 * A provider's deterministic stand-in: same manifest, same input validation (done by the
 * service for both), answers computed from the input and a per-organization sequence, failures
 * on demand, and everything it "sent" kept in the organization's outbox. A repeated
 * idempotency key returns the first answer without sending again, like a careful real provider.
 */
export class MockConnector implements ConnectorProvider {
  readonly mode = 'mock' as const;

  /** `clock` is the wall clock unless a test fixes it (jest's fake timers fix Date.now too). */
  constructor(readonly manifest: ConnectorManifest, private readonly behaviour: MockBehaviour, private readonly state: MockState, private readonly clock: () => number = () => Date.now()) {}

  async execute(action: string, input: object, context: ConnectorCallContext): Promise<unknown> {
    const answer = this.behaviour[action];
    if (!answer) throw new ConnectorError('INVALID_INPUT', `${this.manifest.key} has no action ${action}`);
    const effect = this.manifest.actions.find((a) => a.name === action)?.effect ?? 'read';
    const failure = await this.state.takeFailure(context.organizationId, this.manifest.key, action);
    if (failure) throw FAILURES[failure](this.manifest.key);
    if (effect === 'write') {
      const earlier = await this.state.recall(context.organizationId, context.idempotencyKey);
      if (earlier) return earlier.output;
    }
    const sequence = await this.state.nextSequence(context.organizationId, this.manifest.key);
    const payload = input as Record<string, unknown>;
    const { organizationId } = context;
    const facts = {
      get: (name: string) => this.state.fact(organizationId, this.manifest.key, name),
      set: (name: string, value: string) => this.state.setFact(organizationId, this.manifest.key, name, value),
    };
    // Most answers are computed at once; an action that reads or writes its facts answers a promise.
    const output: unknown = await answer(payload, {
      ...context,
      sequence,
      now: this.clock(),
      deterministicId: (prefix) => `${prefix}${createHash('sha256').update(`${this.manifest.key}:${action}:${JSON.stringify(payload)}:${sequence}`).digest('hex').slice(0, 16)}`,
      facts,
    });
    if (effect === 'write') {
      await this.state.remember(context.organizationId, context.idempotencyKey, output);
      await this.state.appendOutbox(context.organizationId, { connector: this.manifest.key, action, sequence, input: payload, output, idempotencyKey: context.idempotencyKey });
    }
    return output;
  }
}
