import { createTestApp, bearer, type TestApp } from '../support/app';
import { createMigratedTestDatabase, type TestDatabase } from '../support/database';
import { pollUntil } from '../support/poll';
import { TcpProxy } from '../support/tcp-proxy';

/**
 * A real outage: the app reaches the test Postgres only through a TCP proxy, which the test cuts
 * (every open connection dropped, new ones refused) and restores. Postgres itself is shared and
 * never touched.
 */
describe('While Postgres is unreachable', () => {
  let db: TestDatabase;
  let proxy: TcpProxy;
  let sut: TestApp;

  beforeAll(async () => {
    db = await createMigratedTestDatabase();
    const target = new URL(db.url);
    proxy = await TcpProxy.start({ host: target.hostname, port: Number(target.port || 5432) });
    sut = await createTestApp({ databaseUrl: proxy.urlFor(db.url) }, db);
  });
  afterAll(async () => {
    await proxy?.restore();
    await sut?.app.close();
    await proxy?.cut();
    await db?.drop();
  });

  const reads = () => [
    sut.http.get('/v1/me').set(bearer(sut.apiKey)),
    sut.http.get('/v1/runs').set(bearer(sut.apiKey)),
    sut.http.get('/v1/api-keys').set(bearer(sut.apiKey)),
    sut.http.post('/v1/runs').set(bearer(sut.apiKey)).send({ agent: 'echo', mode: 'sync', input: {} }),
  ];

  it('should answer 503 with Retry-After on every route that reads it, and recover when it is back', async () => {
    for (const res of await Promise.all(reads())) expect(res.status).not.toBe(503);

    await proxy.cut();
    const during = await Promise.all(reads());
    await proxy.restore();

    for (const res of during) {
      expect(res.status).toBe(503);
      expect(res.headers['retry-after']).toBe('5');
      expect(res.body).toEqual({
        statusCode: 503,
        error: 'Service Unavailable',
        message: expect.stringContaining('database cannot be reached'),
        requestId: res.headers['x-request-id'],
      });
    }
    await pollUntil(() => sut.http.get('/v1/runs').set(bearer(sut.apiKey)), (res) => res.status === 200, { what: 'the runs list to answer again' });
  });
});
