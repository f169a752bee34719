import type { AppConfig } from '../../config/app-config';
import type { RunMetrics } from '../telemetry/run-metrics';
import { CircuitOpenError, RunCancelledError } from '../orchestration/run-errors';
import { CircuitBreakers } from './circuit-breakers';
import { strictDouble } from '../../../test/support/strict-double';

const config = { runs: { circuitFailureThreshold: 3, circuitHalfOpenAfterMs: 10_000 } } as AppConfig;
const fail = () => Promise.reject(new Error('boom'));

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
    for (let i = 0; i < 3; i++) await expect(sut.execute('echo', fail)).rejects.toThrow('boom');
    const refused = await sut.execute('echo', () => Promise.resolve('never')).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(CircuitOpenError);
    expect((refused as CircuitOpenError).headers['Retry-After']).toBe('10');
    expect(() => sut.assertAccepting('echo')).toThrow(CircuitOpenError);
    expect(sut.state('echo')).toBe('open');
    expect(metrics.circuitFailure).toHaveBeenCalledTimes(3);
    expect(metrics.circuitChanged).toHaveBeenLastCalledWith('echo', 'open');
  });

  it('should let one probe through after the break and close on its success', async () => {
    for (let i = 0; i < 3; i++) await sut.execute('echo', fail).catch(() => undefined);
    jest.advanceTimersByTime(10_001);
    await expect(sut.execute('echo', () => Promise.resolve('probe'))).resolves.toBe('probe');
    expect(sut.state('echo')).toBe('closed');
  });

  it('should stop refusing early once the break has elapsed, so the probe can reach the breaker', async () => {
    for (let i = 0; i < 3; i++) await sut.execute('echo', fail).catch(() => undefined);
    expect(() => sut.assertAccepting('echo')).toThrow(CircuitOpenError);
    jest.advanceTimersByTime(10_001);
    expect(() => sut.assertAccepting('echo')).not.toThrow();
  });

  it('should not count cancellations, and keep agents apart', async () => {
    for (let i = 0; i < 5; i++) await sut.execute('echo', () => Promise.reject(new RunCancelledError())).catch(() => undefined);
    for (let i = 0; i < 3; i++) await sut.execute('other', fail).catch(() => undefined);
    expect(sut.state('echo')).toBe('closed');
    expect(sut.state('other')).toBe('open');
  });
});
