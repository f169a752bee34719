import { collectDefaultMetrics, register } from 'prom-client';

const PREFIX = 'neonhub_';

/**
 * prom-client adds an unlabelled gauge beside each of its labelled active-handles, -requests and
 * -resources gauges and names it `..._total`, a suffix Prometheus reserves for counters
 * (`promtool check metrics` rejects it). Each is the sum of its labelled sibling's series, so
 * nothing is lost: `sum(neonhub_nodejs_active_handles)` is the same number.
 */
export const GAUGES_MISNAMED_AS_COUNTERS = ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total'].map(
  (name) => PREFIX + name,
);

/**
 * Node's default metrics, once per process. prom-client's registry is process-global and throws
 * on a second registration, which would happen whenever one process hosts two app instances
 * (tests, or API and worker modules together).
 */
export function collectDefaultMetricsOnce(): void {
  if (register.getSingleMetric(`${PREFIX}process_cpu_user_seconds_total`)) return;
  collectDefaultMetrics({ prefix: PREFIX });
  for (const name of GAUGES_MISNAMED_AS_COUNTERS) register.removeSingleMetric(name);
}
