import { ConfigurationError } from './app-config-error';
import type { EnvironmentVariables } from './environment';

/** Webhook delivery: retries, time limit, when an endpoint is disabled, which URLs are accepted. */
export interface WebhooksConfig {
  /** The delay before each retry, in ms: a delivery gets 1 + retryScheduleMs.length attempts. */
  retryScheduleMs: number[];
  timeoutMs: number;
  /** Deliveries failed for good (every retry spent) in a row before the endpoint is disabled. */
  disableAfterFailures: number;
  allowPrivateUrls: boolean;
  /** http:// URLs; false only in production unless WEBHOOK_ALLOW_HTTP. */
  allowHttp: boolean;
}

const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };
/** A BullMQ delay must fit in a 32-bit timer; a week is plenty for one retry. */
const MAX_DELAY_MS = 7 * 24 * 3_600_000;

/** "5s,5m,30m,2h" -> [5000, 300000, 1800000, 7200000]; a bare number is milliseconds. Empty: no retries. */
export function parseRetrySchedule(spec: string): number[] {
  const entries = spec.split(',').map((entry) => entry.trim()).filter(Boolean);
  return entries.map((entry) => {
    const match = /^(\d+)(ms|s|m|h)?$/.exec(entry);
    const ms = match ? Number(match[1]) * UNIT_MS[match[2] ?? 'ms'] : NaN;
    if (!Number.isSafeInteger(ms) || ms < 1 || ms > MAX_DELAY_MS) {
      throw new ConfigurationError(`Invalid configuration: WEBHOOK_RETRY_SCHEDULE entries must be delays such as 500ms, 5s, 5m or 2h, at most 7 days (got "${entry}")`);
    }
    return ms;
  });
}

export function loadWebhooksConfig(vars: EnvironmentVariables): WebhooksConfig {
  return {
    retryScheduleMs: parseRetrySchedule(vars.WEBHOOK_RETRY_SCHEDULE),
    timeoutMs: vars.WEBHOOK_TIMEOUT_MS,
    disableAfterFailures: vars.WEBHOOK_DISABLE_AFTER_FAILURES,
    allowPrivateUrls: vars.WEBHOOK_ALLOW_PRIVATE_URLS,
    allowHttp: vars.NODE_ENV !== 'production' || vars.WEBHOOK_ALLOW_HTTP,
  };
}
