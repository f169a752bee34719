import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from '../../src/config/app-config';
import { seedDatabase } from '../../src/infra/database/seed/seed';
import { WorkerModule } from '../../src/worker.module';
import { bearer } from '../support/app';
import { useE2eApp } from '../support/e2e-context';
import { pollUntil } from '../support/poll';
import { DisposableRedis } from '../support/redis-server';

const NOT_A_DATASET = '00000000-0000-4000-8000-000000000000';
const UPLOAD_LIMIT = 64 * 1024;

/**
 * The knowledge REST API end to end: datasets and documents, each route's 4xx answers, uploads,
 * tenancy (another organization's dataset and documents answer 404) and a Redis outage. The API
 * runs on a server database, so a worker in this process consumes the intake queues, on a Redis
 * of this file's own. Search, the API document and model usage: knowledge-retrieval.e2e-spec.ts.
 */
describe('Knowledge API', () => {
  let redis: DisposableRedis;
  beforeAll(async () => {
    redis = await DisposableRedis.create();
    await redis.start();
  });
  const sut = useE2eApp({ config: () => ({ redisUrl: redis.url, knowledge: { ...loadConfig({}).knowledge, uploadMaxBytes: UPLOAD_LIMIT } }) });
  let worker: INestApplicationContext | undefined;
  beforeAll(async () => {
    worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(sut.config), { logger: false });
    await worker.init();
  });
  afterAll(async () => {
    await worker?.close();
    await redis?.stop();
  });

  const auth = () => bearer(sut.apiKey);
  const createDataset = async (name: string, key = sut.apiKey): Promise<string> =>
    (await sut.http.post('/v1/datasets').set(bearer(key)).send({ name }).expect(201)).body.id;
  const document = (datasetId: string, id: string) => sut.http.get(`/v1/datasets/${datasetId}/documents/${id}`).set(auth());
  const untilResting = (datasetId: string, id: string) =>
    pollUntil(async () => (await document(datasetId, id).expect(200)).body, (d) => d.status === 'READY' || d.status === 'FAILED', { what: `document ${id} to rest`, timeoutMs: 15_000 });

  describe('the demo dataset', () => {
    it('should be seeded READY and searchable', async () => {
      const datasets = await sut.http.get('/v1/datasets').set(auth()).expect(200);
      const demo = datasets.body.find((d: { name: string }) => d.name === 'Northwind Coffee knowledge');
      expect(demo).toMatchObject({ documentCount: 5 });
      const documents = await sut.http.get(`/v1/datasets/${demo.id}/documents`).set(auth()).expect(200);
      expect(documents.body.items.map((d: { status: string }) => d.status)).toEqual(Array(5).fill('READY'));
      const found = await sut.http.post(`/v1/datasets/${demo.id}/search`).set(auth()).send({ query: 'how long does shipping take', k: 3 }).expect(200);
      expect(found.body.passages[0].documentTitle).toBe('Shipping and returns policy');
    });

    it('should be seeded once, however often the seed runs', async () => {
      const counts = "SELECT (SELECT count(*) FROM datasets)::int AS datasets, (SELECT count(*) FROM documents)::int AS documents, (SELECT count(*) FROM chunks)::int AS chunks";
      const before = await sut.sql.query(counts);
      await seedDatabase({ databaseUrl: sut.db.url });
      expect((await sut.sql.query(counts)).rows).toEqual(before.rows);
    });
  });


  describe('datasets', () => {
    it('should create, list, read and delete a dataset', async () => {
      const created = await sut.http.post('/v1/datasets').set(auth()).send({ name: 'Launch notes', description: 'What we ship' }).expect(201);
      expect(created.body).toEqual({
        id: expect.any(String),
        name: 'Launch notes',
        description: 'What we ship',
        brandId: null,
        documentCount: 0,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      const listed = await sut.http.get('/v1/datasets').set(auth()).expect(200);
      expect(listed.body.map((d: { id: string }) => d.id)).toContain(created.body.id);
      await sut.http.get(`/v1/datasets/${created.body.id}`).set(auth()).expect(200, created.body);

      await sut.http.delete(`/v1/datasets/${created.body.id}`).set(auth()).expect(204);
      await sut.http.get(`/v1/datasets/${created.body.id}`).set(auth()).expect(404);
      await sut.http.delete(`/v1/datasets/${created.body.id}`).set(auth()).expect(404);
    });

    it('should refuse a second dataset of the same name with 409', async () => {
      await createDataset('Twice');
      const res = await sut.http.post('/v1/datasets').set(auth()).send({ name: 'Twice' }).expect(409);
      expect(res.body.message).toBe('a dataset named "Twice" already exists in this organization');
    });

    it.each([
      ['no name', {}],
      ['an empty name', { name: '' }],
      ['an unknown field', { name: 'x', color: 'red' }],
      ['a brandId that is not a uuid', { name: 'x', brandId: 'acme' }],
    ])('should answer 400 for %s', async (_, body) => {
      const res = await sut.http.post('/v1/datasets').set(auth()).send(body).expect(400);
      expect(res.body).toEqual({ statusCode: 400, error: 'Bad Request', message: expect.stringContaining('invalid request'), requestId: expect.any(String) });
    });

    it("should answer 404 for a brand that is not the organization's", async () => {
      await sut.http.post('/v1/datasets').set(auth()).send({ name: 'Branded', brandId: NOT_A_DATASET }).expect(404);
    });

    it('should answer 400 for an id that is not a uuid', async () => {
      await sut.http.get('/v1/datasets/not-a-uuid').set(auth()).expect(400);
      await sut.http.get('/v1/datasets/not-a-uuid/documents').set(auth()).expect(400);
    });

    it('should answer 401 without an API key', async () => {
      await sut.http.get('/v1/datasets').expect(401);
    });
  });


  describe("another organization's dataset", () => {
    it('should answer 404 on every route, and stay untouched', async () => {
      const other = await sut.tenant('knowledge');
      const theirs = await createDataset('Their secrets', other.apiKey);
      const doc = await sut.http.post(`/v1/datasets/${theirs}/documents`).set(bearer(other.apiKey)).send({ title: 'Plan', text: 'The secret launch date is in May.' }).expect(202);

      await sut.http.get(`/v1/datasets/${theirs}`).set(auth()).expect(404);
      await sut.http.delete(`/v1/datasets/${theirs}`).set(auth()).expect(404);
      await sut.http.get(`/v1/datasets/${theirs}/documents`).set(auth()).expect(404);
      await sut.http.post(`/v1/datasets/${theirs}/documents`).set(auth()).send({ title: 'Mine', text: 'hello' }).expect(404);
      await sut.http.get(`/v1/datasets/${theirs}/documents/${doc.body.id}`).set(auth()).expect(404);
      await sut.http.delete(`/v1/datasets/${theirs}/documents/${doc.body.id}`).set(auth()).expect(404);
      await sut.http.post(`/v1/datasets/${theirs}/search`).set(auth()).send({ query: 'secret launch date' }).expect(404);
      expect((await sut.http.get('/v1/datasets').set(auth())).body.map((d: { id: string }) => d.id)).not.toContain(theirs);

      // Not even through one of our own datasets: a document id is looked up within the dataset named.
      const ours = await createDataset('Ours');
      await sut.http.get(`/v1/datasets/${ours}/documents/${doc.body.id}`).set(auth()).expect(404);
      await sut.http.get(`/v1/datasets/${theirs}`).set(bearer(other.apiKey)).expect(200);
    });
  });


  describe('documents', () => {
    it('should take a Markdown text in, list it with its status, and delete it with its chunks', async () => {
      const datasetId = await createDataset('Docs');
      const posted = await sut.http
        .post(`/v1/datasets/${datasetId}/documents`)
        .set(auth())
        .send({ title: 'Returns', text: '# Returns\n\nBags may be returned within 30 days of delivery for a full refund.' })
        .expect(202);
      expect(posted.body).toMatchObject({ datasetId, title: 'Returns', source: 'TEXT', status: 'PENDING', version: 0, chunkCount: 0, error: null });
      expect(JSON.stringify(posted.body)).not.toContain('rawContent');

      const ready = await untilResting(datasetId, posted.body.id);
      expect(ready).toMatchObject({ status: 'READY', version: 1, chunkCount: 1, contentHash: expect.stringMatching(/^[0-9a-f]{64}$/), readyAt: expect.any(String) });
      expect(ready.embeddingTokens).toBeGreaterThan(0);

      const listed = await sut.http.get(`/v1/datasets/${datasetId}/documents`).set(auth()).expect(200);
      expect(listed.body).toEqual({ items: [expect.objectContaining({ id: posted.body.id, status: 'READY' })], nextCursor: null });
      await sut.http.get(`/v1/datasets/${datasetId}/documents?status=FAILED`).set(auth()).expect(200, { items: [], nextCursor: null });

      await sut.http.delete(`/v1/datasets/${datasetId}/documents/${posted.body.id}`).set(auth()).expect(204);
      await document(datasetId, posted.body.id).expect(404);
      const chunks = await sut.sql.query('SELECT count(*)::int AS n FROM chunks WHERE document_id = $1', [posted.body.id]);
      expect(chunks.rows[0].n).toBe(0);
    });

    it('should page through documents with a cursor', async () => {
      const datasetId = await createDataset('Paged');
      for (const title of ['a', 'b', 'c']) await sut.http.post(`/v1/datasets/${datasetId}/documents`).set(auth()).send({ title, text: `text ${title}` }).expect(202);
      const first = await sut.http.get(`/v1/datasets/${datasetId}/documents?limit=2`).set(auth()).expect(200);
      expect(first.body.items.map((d: { title: string }) => d.title)).toEqual(['c', 'b']);
      const second = await sut.http.get(`/v1/datasets/${datasetId}/documents?limit=2&cursor=${first.body.nextCursor}`).set(auth()).expect(200);
      expect(second.body).toEqual({ items: [expect.objectContaining({ title: 'a' })], nextCursor: null });
      await sut.http.get(`/v1/datasets/${datasetId}/documents?cursor=garbage`).set(auth()).expect(400);
      await sut.http.get(`/v1/datasets/${datasetId}/documents?limit=0`).set(auth()).expect(400);
    });

    it.each([
      ['no body', undefined],
      ['neither url nor text', { title: 'x' }],
      ['both url and text', { url: 'https://example.com/a', text: 'x', title: 'x' }],
      ['a text without a title', { text: 'x' }],
      ['a URL that is not http(s)', { url: 'ftp://example.com/a' }],
      ['a URL that is not one', { url: 'not a url' }],
      ['an unknown format', { title: 'x', text: 'x', format: 'pdf' }],
      ['an array', [{ title: 'x', text: 'x' }]],
    ])('should answer 400 for %s', async (_, body) => {
      const datasetId = await createDataset(`Bad input ${Math.random()}`);
      const res = await sut.http.post(`/v1/datasets/${datasetId}/documents`).set(auth()).send(body as object).expect(400);
      expect(res.body.message).toMatch(/^invalid request/);
    });

    it('should answer 404 for a dataset that does not exist, and for a document that does not', async () => {
      await sut.http.post(`/v1/datasets/${NOT_A_DATASET}/documents`).set(auth()).send({ title: 'x', text: 'x' }).expect(404);
      const datasetId = await createDataset('Empty');
      await document(datasetId, NOT_A_DATASET).expect(404);
      await sut.http.delete(`/v1/datasets/${datasetId}/documents/${NOT_A_DATASET}`).set(auth()).expect(404);
    });
  });


  describe('uploads', () => {
    it('should take a Markdown file in, titled by the form', async () => {
      const datasetId = await createDataset('Uploads');
      const posted = await sut.http
        .post(`/v1/datasets/${datasetId}/documents`)
        .set(auth())
        .field('title', 'Grinder care')
        .attach('file', Buffer.from('# Grinder care\n\nClean the burrs every two weeks with rice-free grinder tablets.'), { filename: 'grinder.md', contentType: 'application/octet-stream' })
        .expect(202);
      expect(posted.body).toMatchObject({ source: 'FILE', fileName: 'grinder.md', mimeType: 'text/markdown', title: 'Grinder care', status: 'PENDING' });
      expect(await untilResting(datasetId, posted.body.id)).toMatchObject({ status: 'READY', chunkCount: 1 });
    });

    it('should answer 413 for a file over KNOWLEDGE_UPLOAD_MAX_BYTES, and keep nothing', async () => {
      const datasetId = await createDataset('Too large');
      const res = await sut.http
        .post(`/v1/datasets/${datasetId}/documents`)
        .set(auth())
        .attach('file', Buffer.alloc(UPLOAD_LIMIT + 1, 'a'), { filename: 'big.txt', contentType: 'text/plain' })
        .expect(413);
      expect(res.body).toMatchObject({ statusCode: 413, message: `file is larger than ${UPLOAD_LIMIT} bytes (KNOWLEDGE_UPLOAD_MAX_BYTES)` });
      expect((await sut.http.get(`/v1/datasets/${datasetId}/documents`).set(auth())).body.items).toEqual([]);
    });

    it('should answer 415 for a file type intake does not read', async () => {
      const datasetId = await createDataset('Images');
      const res = await sut.http
        .post(`/v1/datasets/${datasetId}/documents`)
        .set(auth())
        .attach('file', Buffer.from([0x89, 0x50, 0x4e, 0x47]), { filename: 'logo.png', contentType: 'image/png' })
        .expect(415);
      expect(res.body.message).toContain('image/png is not a document type intake reads');
    });

    it('should answer 400 for a form without a file, or with an empty one', async () => {
      const datasetId = await createDataset('No file');
      await sut.http.post(`/v1/datasets/${datasetId}/documents`).set(auth()).field('title', 'Nothing attached').expect(400);
      await sut.http.post(`/v1/datasets/${datasetId}/documents`).set(auth()).attach('file', Buffer.alloc(0), { filename: 'empty.txt', contentType: 'text/plain' }).expect(400);
    });

    it('should answer 415 for a body that is neither JSON nor multipart', async () => {
      const datasetId = await createDataset('Plain body');
      await sut.http.post(`/v1/datasets/${datasetId}/documents`).set(auth()).set('content-type', 'text/plain').send('hello').expect(415);
    });
  });

  describe('while Redis is away', () => {
    it('should answer 503 to a new document and keep no row of it, then take it once Redis is back', async () => {
      const datasetId = await createDataset('Redis outage');
      await redis.stop();
      try {
        await pollUntil(() => sut.http.get('/health/ready').then((r) => r.status), (status) => status === 503, { what: 'readiness to report Redis down' });
        const res = await sut.http.post(`/v1/datasets/${datasetId}/documents`).set(auth()).send({ title: 'Outage', text: 'Written while Redis was down.' }).expect(503);
        expect(res.body.message).toContain('knowledge intake is unavailable');
        expect(res.headers['retry-after']).toBeDefined();
        expect((await sut.sql.query('SELECT count(*)::int AS n FROM documents WHERE dataset_id = $1', [datasetId])).rows[0].n).toBe(0);
      } finally {
        await redis.start();
      }
      const posted = await pollUntil(
        () => sut.http.post(`/v1/datasets/${datasetId}/documents`).set(auth()).send({ title: 'Outage', text: 'Written once Redis was back.' }),
        (r) => r.status === 202,
        { what: 'the API to take documents again', timeoutMs: 10_000 },
      );
      expect(await untilResting(datasetId, posted.body.id)).toMatchObject({ status: 'READY' });
    });
  });

});
