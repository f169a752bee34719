import { Inject, Injectable } from '@nestjs/common';
import { BrokenCircuitError, circuitBreaker, CircuitBreakerPolicy, CircuitState, ConsecutiveBreaker, handleWhen, IsolatedCircuitError } from 'cockatiel';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/app-config';
import { RunMetrics } from '../telemetry/run-metrics';
import { CircuitOpenError, RunCancelledError } from '../orchestration/run-errors';

const STATE_NAMES = { [CircuitState.Closed]: 'closed', [CircuitState.Open]: 'open', [CircuitState.HalfOpen]: 'halfOpen', [CircuitState.Isolated]: 'isolated' } as const;
export type CircuitStateName = (typeof STATE_NAMES)[CircuitState];

/**
 * Cancellations are the caller's choice, and a connector's failures (they carry a category) are
 * one tenant's provider trouble with its own breaker per (organization, connector): neither may
 * open an agent's circuit for every tenant.
 */
function countsAgainstAgent(error: unknown): boolean {
  return !(error instanceof RunCancelledError) && typeof (error as { category?: unknown } | null)?.category !== 'string';
}

/**
 * One cockatiel breaker per agent, in this process: 3 consecutive failed runs open it for 10 s,
 * then a single half-open probe decides. Cancellations are the caller's choice, not a failure.
 */
@Injectable()
export class CircuitBreakers {
  private readonly breakers = new Map<string, { policy: CircuitBreakerPolicy; openUntil: number }>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig, private readonly metrics: RunMetrics) {}

  private entry(agent: string) {
    let entry = this.breakers.get(agent);
    if (!entry) {
      const halfOpenAfter = this.config.runs.circuitHalfOpenAfterMs;
      const policy = circuitBreaker(handleWhen(countsAgainstAgent), {
        halfOpenAfter,
        breaker: new ConsecutiveBreaker(this.config.runs.circuitFailureThreshold),
      });
      const created = { policy, openUntil: 0 };
      policy.onBreak(() => (created.openUntil = Date.now() + halfOpenAfter));
      policy.onStateChange((state) => this.metrics.circuitChanged(agent, STATE_NAMES[state]));
      policy.onFailure(() => this.metrics.circuitFailure(agent));
      this.metrics.circuitChanged(agent, 'closed');
      this.breakers.set(agent, created);
      entry = created;
    }
    return entry;
  }

  state(agent: string): CircuitStateName {
    return STATE_NAMES[this.entry(agent).policy.state];
  }

  /**
   * Refuses early (503 with Retry-After) while the circuit is open, before any run is created.
   * Once the break has elapsed the request goes on: cockatiel moves to half-open only inside
   * execute(), where it lets exactly one probe through.
   */
  assertAccepting(agent: string): void {
    const entry = this.entry(agent);
    const remaining = entry.openUntil - Date.now();
    if (entry.policy.state === CircuitState.Open && remaining > 0) throw new CircuitOpenError(agent, remaining);
  }

  /** Runs `fn` through the agent's breaker; an open circuit becomes CircuitOpenError. */
  async execute<T>(agent: string, fn: () => Promise<T>): Promise<T> {
    const entry = this.entry(agent);
    try {
      return await entry.policy.execute(fn);
    } catch (error) {
      if (error instanceof BrokenCircuitError || error instanceof IsolatedCircuitError) {
        throw new CircuitOpenError(agent, Math.max(0, entry.openUntil - Date.now()));
      }
      throw error;
    }
  }
}
