import { join } from 'node:path';
import { freePort } from './redis-server';
import { ServiceProcess } from './service-process';

export const BUILT_WORKER = join(__dirname, '..', '..', 'dist', 'src', 'worker.js');
/** Printed by worker.ts, followed by the queues it consumes, once the HTTP port listens and its BullMQ workers run. */
export const WORKER_READY = 'NeonHub worker consuming ';

export interface RunningWorker {
  service: ServiceProcess;
  /** http://127.0.0.1:<WORKER_PORT>, serving /health/* and /metrics only. */
  url: string;
}

/** The built worker as a real process on a free WORKER_PORT, resolved once it consumes jobs. */
export async function startWorker(env: Record<string, string | undefined>, track?: ServiceProcess[]): Promise<RunningWorker> {
  const port = await freePort();
  const service = ServiceProcess.start({ WORKER_PORT: String(port), ...env }, BUILT_WORKER);
  track?.push(service);
  await service.waitForOutput(WORKER_READY);
  return { service, url: `http://127.0.0.1:${port}` };
}

/** The value of one sample in a Prometheus text exposition, or undefined when absent. */
export function metricValue(exposition: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of exposition.split('\n')) {
    if (line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{([^}]*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const present = (match[2] ?? '').split(',').filter(Boolean);
    if (wanted.every((label) => present.includes(label))) return Number(match[3]);
  }
  return undefined;
}

const TEST_WORKER = join(__dirname, 'processes', 'worker-with-test-agents.ts');
const SWC_HOOK = join(__dirname, 'processes', 'register-swc.js');

/** A worker from sources, with the test agents of wait-test-agents.ts: for specs whose agents the production build lacks. */
export async function startTestWorker(env: Record<string, string | undefined>, track?: ServiceProcess[]): Promise<RunningWorker> {
  const port = await freePort();
  const service = ServiceProcess.start({ WORKER_PORT: String(port), ...env }, TEST_WORKER, ['-r', SWC_HOOK]);
  track?.push(service);
  await service.waitForOutput(WORKER_READY);
  return { service, url: `http://127.0.0.1:${port}` };
}
