import { ClassifiedError } from '../../infra/resilience/classified-error';
import type { SkippedNetwork } from './trend-sources';

/**
 * Every network asked for failed: there is nothing to find trends in. Worth another attempt only
 * when every failure was (a rate limit, an outage), not when a connector is missing or revoked.
 */
export class NoTrendSourcesError extends ClassifiedError {
  readonly statusCode = 424;
  readonly category = 'NO_SOURCES';
  readonly retryable: boolean;

  constructor(readonly skipped: readonly SkippedNetwork[]) {
    super(`no network could be read: ${skipped.map((s) => `${s.network} (${s.message})`).join('; ')}`);
    this.retryable = skipped.length > 0 && skipped.every((s) => s.retryable);
  }
}
