import { createMigratedTestDatabase } from './database';
import { familiesOf, seriesNamesOf } from './promql-metrics';
import { freePort } from './redis-server';
import { ServiceProcess } from './service-process';
import { startWorker } from './worker-process';

const API_LISTENING = 'NeonHub API listening';
/** Series Prometheus itself adds to every target (the scrape's own health). */
export const PROMETHEUS_SERIES = ['up', 'scrape_duration_seconds', 'scrape_samples_scraped'];

/**
 * Every series name the built API and worker export, from their real /metrics (the families a
 * process registers are listed even before their first sample), plus Prometheus's own per-target
 * series. What alert rules and dashboards may name.
 */
export async function exportedSeriesNames(): Promise<Set<string>> {
  const db = await createMigratedTestDatabase();
  const processes: ServiceProcess[] = [];
  try {
    const env = { DATABASE_URL: db.url, REDIS_URL: process.env.REDIS_URL, DATABASE_POOL_SIZE: '2' };
    const port = await freePort();
    const api = ServiceProcess.start({ ...env, PORT: String(port) });
    processes.push(api);
    const [worker] = await Promise.all([startWorker(env, processes), api.waitForOutput(API_LISTENING)]);
    const names = new Set(PROMETHEUS_SERIES);
    for (const url of [`http://127.0.0.1:${port}`, worker.url]) {
      const res = await fetch(`${url}/metrics`);
      if (res.status !== 200) throw new Error(`${url}/metrics answered ${res.status}`);
      for (const name of seriesNamesOf(familiesOf(await res.text()))) names.add(name);
    }
    return names;
  } finally {
    await Promise.all(processes.map((p) => p.stop()));
    await db.drop();
  }
}
