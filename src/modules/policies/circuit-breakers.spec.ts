import type { AppConfig } from '../../config/app-config';
import { ClassifiedError, GENERIC_CATEGORIES } from '../../infra/resilience/classified-error';
import type { RunMetrics } from '../telemetry/run-metrics';
import { CircuitBreakers } from './circuit-breakers';
import { CircuitOpenError } from './policy-errors';
import { strictDouble } from '../../../test/support/strict-double';

const config = { runs: { circuitFailureThreshold: 3, circuitHalfOpenAfterMs: 10_000 } } as AppConfig;
const fail = () => Promise.reject(new Error('boom'));
const key = (agent: string, organizationId = 'org-1') => ({ organizationId, agent });

/** Stand-ins for the classified errors of other modules, which policies must not import. */
class Classified extends ClassifiedError {
  readonly statusCode = 503;
  constructor(readonly category: string, readonly retryable: boolean) {
    super(`classified as ${category}`);
  }
}
const cancelled = () => Promise.reject(new Classified(GENERIC_CATEGORIES.CANCELLED, false));
const providerDown = () => Promise.reject(new Classified('PROVIDER_UNAVAILABLE', true));
const transient = () => Promise.reject(new Classified(GENERIC_CATEGORIES.TRANSIENT, true));

describe(CircuitBreakers.name, () => {
  let metrics: { circuitChanged: jest.Mock; circuitFailure: jest.Mock };
  let sut: CircuitBreakers;

  beforeEach(() => {
    jest.useFakeTimers({ now: new Date('2026-11-22T08:00:00Z') });
    metrics = { circuitChanged: jest.fn(), circuitFailure: jest.fn() };
    sut = new CircuitBreakers(config, strictDouble<RunMetrics>('RunMetrics', metrics));
  });
  afterEach(() => jest.useRealTimers());

  it('should open after 3 consecutive failures and refuse with a Retry-After', async () => {
    for (let i = 0; i < 3; i++) await expect(sut.execute(key('echo'), fail)).rejects.toThrow('boom');
    const refused = await sut.execute(key('echo'), () => Promise.resolve('never')).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(CircuitOpenError);
    expect((refused as CircuitOpenError).headers['Retry-After']).toBe('10');
    expect(() => sut.assertAccepting(key('echo'))).toThrow(CircuitOpenError);
    expect(sut.state(key('echo'))).toBe('open');
    expect(metrics.circuitFailure).toHaveBeenCalledTimes(3);
    expect(metrics.circuitChanged).toHaveBeenLastCalledWith('echo', 'org-1', 'open');
  });

  it('should report a new agent as closed', () => {
    expect(sut.state(key('echo'))).toBe('closed');
    expect(metrics.circuitChanged).toHaveBeenCalledWith('echo', 'org-1', 'closed');
  });

  it('should let one probe through after the break and close on its success', async () => {
    for (let i = 0; i < 3; i++) await sut.execute(key('echo'), fail).catch(() => undefined);
    jest.advanceTimersByTime(10_001);
    await expect(sut.execute(key('echo'), () => Promise.resolve('probe'))).resolves.toBe('probe');
    expect(sut.state(key('echo'))).toBe('closed');
  });

  it('should stop refusing early once the break has elapsed, so the probe can reach the breaker', async () => {
    for (let i = 0; i < 3; i++) await sut.execute(key('echo'), fail).catch(() => undefined);
    expect(() => sut.assertAccepting(key('echo'))).toThrow(CircuitOpenError);
    jest.advanceTimersByTime(10_001);
    expect(() => sut.assertAccepting(key('echo'))).not.toThrow();
  });

  it("should keep organizations apart: one tenant's failing runs never refuse another's", async () => {
    for (let i = 0; i < 3; i++) await sut.execute(key('echo', 'org-a'), fail).catch(() => undefined);
    expect(sut.state(key('echo', 'org-a'))).toBe('open');
    expect(sut.state(key('echo', 'org-b'))).toBe('closed');
    expect(() => sut.assertAccepting(key('echo', 'org-b'))).not.toThrow();
    await expect(sut.execute(key('echo', 'org-b'), () => Promise.resolve('served'))).resolves.toBe('served');
  });

  it('should not count cancellations, and keep agents apart', async () => {
    for (let i = 0; i < 5; i++) await sut.execute(key('echo'), cancelled).catch(() => undefined);
    for (let i = 0; i < 3; i++) await sut.execute(key('other'), fail).catch(() => undefined);
    expect(sut.state(key('echo'))).toBe('closed');
    expect(sut.state(key('other'))).toBe('open');
  });

  it('should not count failures classified by a provider, which have their own breaker', async () => {
    for (let i = 0; i < 5; i++) await sut.execute(key('echo'), providerDown).catch(() => undefined);
    expect(sut.state(key('echo'))).toBe('closed');
  });

  it('should count transient failures of the agent itself', async () => {
    for (let i = 0; i < 3; i++) await sut.execute(key('echo'), transient).catch(() => undefined);
    expect(sut.state(key('echo'))).toBe('open');
  });
});
