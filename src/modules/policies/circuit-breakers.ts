import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/app-config';
import { ClassifiedError, GENERIC_CATEGORIES } from '../../infra/resilience/classified-error';
import { type CircuitStateName, KeyedCircuitBreaker } from '../../infra/resilience/keyed-circuit-breaker';
import { RunMetrics } from '../telemetry/run-metrics';
import { CircuitOpenError } from './policy-errors';

/**
 * An agent answers for its own failures: unclassified ones and those it classified as
 * TRANSIENT. Any other classified failure is someone else's: a cancellation is the caller's
 * choice, and a connector's failure is one tenant's provider trouble with its own breaker per
 * (organization, connector); neither may open an agent's circuit for every tenant.
 */
function countsAgainstAgent(error: unknown): boolean {
  return !(error instanceof ClassifiedError) || error.category === GENERIC_CATEGORIES.TRANSIENT;
}

/**
 * One breaker per agent, in this process: 3 consecutive failed runs open it for 10 s (by
 * default), then a single half-open probe decides.
 */
@Injectable()
export class CircuitBreakers {
  private readonly breaker: KeyedCircuitBreaker;

  constructor(@Inject(APP_CONFIG) config: AppConfig, metrics: RunMetrics) {
    this.breaker = new KeyedCircuitBreaker({
      failureThreshold: config.runs.circuitFailureThreshold,
      halfOpenAfterMs: config.runs.circuitHalfOpenAfterMs,
      counts: countsAgainstAgent,
      onStateChange: (agent, state) => metrics.circuitChanged(agent, state),
      onFailure: (agent) => metrics.circuitFailure(agent),
    });
  }

  state(agent: string): CircuitStateName {
    return this.breaker.state(agent);
  }

  /**
   * Refuses early (503 with Retry-After) while the circuit is open, before any run is created.
   * Once the break has elapsed the request goes on, to be the half-open probe inside execute().
   */
  assertAccepting(agent: string): void {
    const retryAfterMs = this.breaker.retryAfterMs(agent);
    if (retryAfterMs > 0) throw new CircuitOpenError(agent, retryAfterMs);
  }

  /** Runs `fn` through the agent's breaker; an open circuit becomes CircuitOpenError. */
  execute<T>(agent: string, fn: () => Promise<T>): Promise<T> {
    return this.breaker.execute(agent, fn, (retryAfterMs) => new CircuitOpenError(agent, retryAfterMs));
  }
}
