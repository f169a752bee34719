import { applyMigrations } from '../../src/infra/database/migrations/migrator';
import { seedDatabase } from '../../src/infra/database/seed/seed';
import { randomApiKey } from '../support/app';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { pollUntil } from '../support/poll';
import { freePort } from '../support/redis-server';
import { ServiceProcess } from '../support/service-process';

interface LogLine {
  msg?: string;
  req?: { url?: string; method?: string };
  res?: { statusCode?: unknown };
}

/** The access log as operators get it: the built service's stdout, one JSON line per entry. */
describe('Access log of the API process', () => {
  let db: TestDatabase;
  let sut: ServiceProcess;
  let port: number;
  const apiKey = randomApiKey();

  beforeAll(async () => {
    db = await createTestDatabase();
    await applyMigrations({ databaseUrl: db.url });
    await seedDatabase({ databaseUrl: db.url, apiKey });
    port = await freePort();
    sut = ServiceProcess.start({ PORT: String(port), DATABASE_URL: db.url, LOG_LEVEL: 'info' });
    await sut.waitForOutput('NeonHub API listening');
  }, 60_000);
  afterAll(async () => {
    await sut?.stop();
    await db?.drop();
  });

  const completed = (): LogLine[] =>
    sut.stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as LogLine)
      .filter((line) => line.msg === 'request completed');

  it('should record the numeric status of every completed request, and nothing for probes and scrapes', async () => {
    for (const path of ['/health/live', '/health/ready', '/health', '/metrics']) await fetch(`http://127.0.0.1:${port}${path}`);
    await fetch(`http://127.0.0.1:${port}/v1/me`);
    await fetch(`http://127.0.0.1:${port}/v1/me`, { headers: { authorization: `Bearer ${apiKey}` } });

    const lines = await pollUntil(completed, (found) => found.length >= 2, { what: 'two request completed lines', timeoutMs: 10_000 });

    expect(lines.map((line) => [line.req?.method, line.req?.url, line.res?.statusCode])).toEqual([
      ['GET', '/v1/me', 401],
      ['GET', '/v1/me', 200],
    ]);
    expect(sut.stdout).not.toMatch(/"url":"\/(health|metrics)/);
  });
});
