import { ServiceUnavailableError } from '../../common/errors/domain-errors';
import { retryAfterSeconds } from '../../infra/resilience/retry-after';

/** An agent's circuit is open: 503, and Retry-After says when the half-open probe may go. */
export class CircuitOpenError extends ServiceUnavailableError {
  constructor(agent: string, retryAfterMs: number) {
    super(`agent ${agent} is failing repeatedly; its circuit is open, retry after ${retryAfterSeconds(retryAfterMs)} s`, retryAfterMs);
  }
}
