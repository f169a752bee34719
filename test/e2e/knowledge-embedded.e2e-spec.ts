import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DocumentServer } from '../support/fakes/document-server';
import { ARTICLE_HTML } from '../support/intake-documents';
import { pollUntil } from '../support/poll';
import { DisposableRedis, freePort } from '../support/redis-server';
import { ServiceProcess } from '../support/service-process';

/**
 * `npm start` alone, on the embedded PGlite database: the API is the only process and consumes the
 * intake queues itself, the pgvector and full-text columns work on PGlite, and the seeded demo
 * dataset is searchable at once.
 */
describe('Knowledge on the embedded database', () => {
  let dataDir: string;
  let redis: DisposableRedis;
  const site = new DocumentServer();
  let sut: ServiceProcess;
  let base: string;
  const apiKey = `nh_${randomBytes(32).toString('base64url')}`;

  // The few fields these tests read, of datasets, documents and search answers.
  type Body = { id: string; name: string; status: string; error: unknown; passages: Array<{ documentId: string; documentTitle: string }> } & Array<{ id: string; name: string }>;
  const call = async (method: string, path: string, body?: unknown): Promise<{ status: number; body: Body }> => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${apiKey}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: res.status, body: (res.status === 204 ? undefined : await res.json()) as Body };
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'neonhub-knowledge-embedded-'));
    redis = await DisposableRedis.create();
    await Promise.all([redis.start(), site.start()]);
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    sut = ServiceProcess.start({
      DATABASE_URL: undefined,
      NEONHUB_DATA_DIR: dataDir,
      SEED_API_KEY: apiKey,
      PORT: String(port),
      REDIS_URL: redis.url,
      NEONHUB_ENCRYPTION_KEYS: `test:${randomBytes(32).toString('base64')}`,
      KNOWLEDGE_ALLOW_PRIVATE_URLS: 'true',
    });
    await sut.waitForOutput('NeonHub API listening');
  }, 60_000);

  afterAll(async () => {
    await sut?.stop();
    await Promise.all([redis?.stop(), site.stop()]);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('should search the seeded demo dataset, then take a fetched page and a text in and search them', async () => {
    const datasets = await call('GET', '/v1/datasets');
    const demo = datasets.body.find((d) => d.name === 'Northwind Coffee knowledge')!;
    const shipping = await call('POST', `/v1/datasets/${demo.id}/search`, { query: 'is express shipping available', k: 2 });
    expect(shipping.body.passages[0].documentTitle).toBe('Shipping and returns policy');

    site.serve('/solar.html', 'text/html', ARTICLE_HTML);
    const dataset = (await call('POST', '/v1/datasets', { name: 'Embedded' })).body.id;
    const page = (await call('POST', `/v1/datasets/${dataset}/documents`, { url: site.url('/solar.html') })).body;
    const text = (await call('POST', `/v1/datasets/${dataset}/documents`, { title: 'Kettles', text: 'Gooseneck kettles pour slowly and evenly for pour-over brewing.' })).body;
    for (const id of [page.id, text.id]) {
      const ready = await pollUntil(
        async () => (await call('GET', `/v1/datasets/${dataset}/documents/${id}`)).body,
        (d) => d.status === 'READY' || d.status === 'FAILED',
        { what: `document ${id} to rest`, timeoutMs: 20_000 },
      );
      expect(ready).toMatchObject({ status: 'READY', error: null });
    }

    const found = await call('POST', `/v1/datasets/${dataset}/search`, { query: 'gooseneck kettle for pour-over', k: 2 });
    expect(found.body.passages[0]).toMatchObject({ documentId: text.id, documentTitle: 'Kettles' });
    expect((await call('DELETE', `/v1/datasets/${dataset}/documents/${page.id}`)).status).toBe(204);
    const after = await call('POST', `/v1/datasets/${dataset}/search`, { query: 'solar storage batteries', k: 5 });
    expect(after.body.passages.map((p) => p.documentId)).not.toContain(page.id);

    sut.signal('SIGTERM');
    expect((await sut.exited).code).toBe(0);
  }, 60_000);
});
