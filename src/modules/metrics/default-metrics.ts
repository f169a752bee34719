import { collectDefaultMetrics, register } from 'prom-client';

const PREFIX = 'neonhub_';

/**
 * Node's default metrics, once per process. prom-client's registry is process-global and throws
 * on a second registration, which would happen whenever one process hosts two app instances
 * (tests, or API and worker modules together).
 */
export function collectDefaultMetricsOnce(): void {
  if (register.getSingleMetric(`${PREFIX}process_cpu_user_seconds_total`)) return;
  collectDefaultMetrics({ prefix: PREFIX });
}
