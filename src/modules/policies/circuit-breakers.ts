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

/** Whose circuit: an agent's, for one organization. */
export interface CircuitKey {
  organizationId: string;
  agent: string;
}

/**
 * One breaker per (organization, agent), in this process: 3 consecutive failed runs open it for
 * 10 s (by default), then a single half-open probe decides. Per organization, because one
 * tenant's failing runs (bad input, a broken brief) say nothing about another tenant's: a shared
 * breaker would let one tenant refuse every tenant's runs of that agent.
 */
@Injectable()
export class CircuitBreakers {
  private readonly breaker: KeyedCircuitBreaker;
  private readonly keys = new Map<string, CircuitKey>();

  constructor(@Inject(APP_CONFIG) config: AppConfig, metrics: RunMetrics) {
    this.breaker = new KeyedCircuitBreaker({
      failureThreshold: config.runs.circuitFailureThreshold,
      halfOpenAfterMs: config.runs.circuitHalfOpenAfterMs,
      counts: countsAgainstAgent,
      onStateChange: (id, state) => {
        const key = this.keys.get(id);
        if (key) metrics.circuitChanged(key.agent, key.organizationId, state);
      },
      onFailure: (id) => {
        const key = this.keys.get(id);
        if (key) metrics.circuitFailure(key.agent);
      },
    });
  }

  state(key: CircuitKey): CircuitStateName {
    return this.breaker.state(this.idOf(key));
  }

  /**
   * Refuses early (503 with Retry-After) while the circuit is open, before any run is created.
   * Once the break has elapsed the request goes on, to be the half-open probe inside execute().
   */
  assertAccepting(key: CircuitKey): void {
    const retryAfterMs = this.breaker.retryAfterMs(this.idOf(key));
    if (retryAfterMs > 0) throw new CircuitOpenError(key.agent, retryAfterMs);
  }

  /** Runs `fn` through the breaker of (organization, agent); an open circuit becomes CircuitOpenError. */
  execute<T>(key: CircuitKey, fn: () => Promise<T>): Promise<T> {
    return this.breaker.execute(this.idOf(key), fn, (retryAfterMs) => new CircuitOpenError(key.agent, retryAfterMs));
  }

  private idOf(key: CircuitKey): string {
    const id = `${key.organizationId}/${key.agent}`;
    if (!this.keys.has(id)) this.keys.set(id, key);
    return id;
  }
}
