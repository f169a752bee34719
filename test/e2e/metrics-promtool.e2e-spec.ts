import { spawnSync } from 'node:child_process';
import { createMigratedTestDatabase, TestDatabase } from '../support/database';
import { freePort } from '../support/redis-server';
import { ServiceProcess } from '../support/service-process';
import { startWorker } from '../support/worker-process';

const PROMTOOL = process.env.PROMTOOL ?? 'promtool';
const LISTENING = 'NeonHub API listening';

/** `promtool check metrics` reads an exposition on stdin and prints one line per problem. */
function promtoolProblems(exposition: string): { status: number | null; output: string } {
  const result = spawnSync(PROMTOOL, ['check', 'metrics'], { input: exposition, encoding: 'utf8' });
  if (result.error) {
    throw new Error(`${PROMTOOL} cannot be run (${result.error.message}): install it with \`apt-get install prometheus\` (scripts/test-all.sh does) or point PROMTOOL at it`);
  }
  return { status: result.status, output: `${result.stdout}${result.stderr}`.trim() };
}

async function scrape(url: string): Promise<string> {
  const res = await fetch(`${url}/metrics`);
  expect(res.status).toBe(200);
  return res.text();
}

describe('promtool check metrics', () => {
  let db: TestDatabase;
  const processes: ServiceProcess[] = [];
  const env = () => ({ DATABASE_URL: db.url, REDIS_URL: process.env.REDIS_URL, DATABASE_POOL_SIZE: '2', LOG_LEVEL: 'info' });

  beforeAll(async () => {
    db = await createMigratedTestDatabase();
  });
  afterEach(async () => {
    await Promise.all(processes.splice(0).map((p) => p.stop()));
  });
  afterAll(() => db.drop());

  it('should find no problem in the API process metrics', async () => {
    const port = await freePort();
    const sut = ServiceProcess.start({ ...env(), PORT: String(port) });
    processes.push(sut);
    await sut.waitForOutput(LISTENING);
    // One answered request, so the HTTP series exist too.
    await fetch(`http://127.0.0.1:${port}/health/live`);

    expect(promtoolProblems(await scrape(`http://127.0.0.1:${port}`))).toEqual({ status: 0, output: '' });
  }, 60_000);

  it('should find no problem in the worker process metrics', async () => {
    const sut = await startWorker(env(), processes);

    expect(promtoolProblems(await scrape(sut.url))).toEqual({ status: 0, output: '' });
  }, 60_000);
});
