import { BrokenCircuitError, circuitBreaker, CircuitBreakerPolicy, CircuitState, ConsecutiveBreaker, handleWhen, IsolatedCircuitError } from 'cockatiel';

const STATE_NAMES = { [CircuitState.Closed]: 'closed', [CircuitState.Open]: 'open', [CircuitState.HalfOpen]: 'halfOpen', [CircuitState.Isolated]: 'isolated' } as const;
export type CircuitStateName = (typeof STATE_NAMES)[CircuitState];

export interface KeyedCircuitBreakerOptions {
  /** Consecutive counted failures that open a key's circuit. */
  failureThreshold: number;
  /** How long an open circuit refuses before it lets one half-open probe through. */
  halfOpenAfterMs: number;
  /** Which failures count towards opening; the others pass through without touching the circuit. */
  counts(error: unknown): boolean;
  onStateChange?(key: string, state: CircuitStateName): void;
  /** Called for every failure through the circuit, counted or not (cockatiel's onFailure). */
  onFailure?(key: string): void;
}

interface Circuit {
  policy: CircuitBreakerPolicy;
  /** cockatiel does not expose when a break ends; remembered to answer Retry-After. */
  openUntil: number;
}

/**
 * One cockatiel ConsecutiveBreaker per key, in this process, created on first use. Keys never
 * expire: callers key by a bounded set (agents, organization × connector).
 */
export class KeyedCircuitBreaker {
  private readonly circuits = new Map<string, Circuit>();

  constructor(private readonly options: KeyedCircuitBreakerOptions) {}

  state(key: string): CircuitStateName {
    return STATE_NAMES[this.circuit(key).policy.state];
  }

  /**
   * The rest of the break while the circuit is open, 0 while it accepts. Once the break has
   * elapsed this is 0 although the state still reads open: cockatiel moves to half-open only
   * inside execute(), so a caller refusing early must let that request go on to be the probe.
   */
  retryAfterMs(key: string): number {
    const circuit = this.circuit(key);
    return circuit.policy.state === CircuitState.Open ? this.remaining(circuit) : 0;
  }

  /** Runs `fn` through the key's circuit; a refusal becomes the caller's error, built from the wait left. */
  async execute<T>(key: string, fn: () => Promise<T>, onOpen: (retryAfterMs: number) => Error): Promise<T> {
    const circuit = this.circuit(key);
    try {
      return await circuit.policy.execute(fn);
    } catch (error) {
      if (error instanceof BrokenCircuitError || error instanceof IsolatedCircuitError) throw onOpen(this.remaining(circuit));
      throw error;
    }
  }

  private remaining(circuit: Circuit): number {
    return Math.max(0, circuit.openUntil - Date.now());
  }

  private circuit(key: string): Circuit {
    const existing = this.circuits.get(key);
    if (existing) return existing;
    const { failureThreshold, halfOpenAfterMs, counts, onStateChange, onFailure } = this.options;
    const policy = circuitBreaker(handleWhen(counts), { halfOpenAfter: halfOpenAfterMs, breaker: new ConsecutiveBreaker(failureThreshold) });
    const created: Circuit = { policy, openUntil: 0 };
    policy.onBreak(() => (created.openUntil = Date.now() + halfOpenAfterMs));
    if (onStateChange) policy.onStateChange((state) => onStateChange(key, STATE_NAMES[state]));
    if (onFailure) policy.onFailure(() => onFailure(key));
    onStateChange?.(key, 'closed');
    this.circuits.set(key, created);
    return created;
  }
}
