import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { IsInt, IsNotEmpty, IsOptional, IsString } from 'class-validator';
import { Agent } from '../../src/modules/agents/agent.decorator';
import type { AgentHandler, AgentRunContext } from '../../src/modules/agents/agent.types';
import { seedDatabase } from '../../src/infra/database/seed/seed';
import { WorkerModule } from '../../src/worker.module';
import type { Response } from 'supertest';
import { bearer } from '../support/app';
import { useE2eApp } from '../support/e2e-context';
import { pollUntil } from '../support/poll';
import { OpenApiResponseValidator } from '../support/openapi-validator';
import { DisposableRedis } from '../support/redis-server';

const NOT_A_DATASET = '00000000-0000-4000-8000-000000000000';
const UPLOAD_LIMIT = 64 * 1024;

class LookupInput {
  @IsString() @IsNotEmpty() question!: string;
  @IsOptional() @IsInt() k?: number;
}

/** A test agent whose one step is a knowledge.search. */
@Agent({ name: 'e2e.knowledge_lookup', kind: 'SUPPORT', description: 'Test agent: looks a question up in the knowledge base', input: LookupInput, tools: ['knowledge.search'], policy: { maxAttempts: 1 } })
class KnowledgeLookupAgent implements AgentHandler<LookupInput> {
  run(input: LookupInput, context: AgentRunContext): Promise<unknown> {
    return context.tools.call('knowledge', 'search', { query: input.question, k: input.k ?? 2 });
  }
}

/**
 * The knowledge REST API end to end: datasets, documents and search, each route's 4xx answers,
 * and tenancy (another organization's dataset and documents answer 404). The API runs on a server
 * database, so a worker in this process consumes the intake queues, on a Redis of this file's own.
 */
describe('Knowledge API', () => {
  let redis: DisposableRedis;
  beforeAll(async () => {
    redis = await DisposableRedis.create();
    await redis.start();
  });
  const sut = useE2eApp({
    config: () => ({ redisUrl: redis.url, knowledge: { ...knowledgeDefaults(), uploadMaxBytes: UPLOAD_LIMIT } }),
    providers: [KnowledgeLookupAgent],
  });
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

  describe('search', () => {
    it('should rank the relevant passage first, with its document', async () => {
      const datasetId = await createDataset('Ranked');
      const topics = {
        Espresso: 'Dial in espresso with 18 grams in and 36 grams out over 28 seconds for a sweet shot.',
        Shipping: 'Parcels leave the roastery every weekday afternoon and reach most addresses in three days.',
        Sourcing: 'We buy green coffee from partner farms in Guatemala and pay well above the market price.',
      };
      const ids: Record<string, string> = {};
      for (const [title, text] of Object.entries(topics)) {
        ids[title] = (await sut.http.post(`/v1/datasets/${datasetId}/documents`).set(auth()).send({ title, text }).expect(202)).body.id;
      }
      for (const id of Object.values(ids)) expect((await untilResting(datasetId, id)).status).toBe('READY');

      const res = await sut.http.post(`/v1/datasets/${datasetId}/search`).set(auth()).send({ query: 'how many seconds for an espresso shot', k: 3 }).expect(200);
      expect(res.body.passages).toHaveLength(3);
      expect(res.body.passages[0]).toEqual({
        chunkId: expect.any(String),
        documentId: ids.Espresso,
        datasetId,
        documentTitle: 'Espresso',
        sourceUrl: null,
        position: 0,
        text: topics.Espresso,
        score: expect.any(Number),
      });
      expect(res.body.passages[0].score).toBeGreaterThan(res.body.passages[1].score);

      const filtered = await sut.http.post(`/v1/datasets/${datasetId}/search`).set(auth()).send({ query: 'espresso', filter: { documentIds: [ids.Shipping] } }).expect(200);
      expect(filtered.body.passages.map((p: { documentId: string }) => p.documentId)).toEqual([ids.Shipping]);
    });

    it.each([
      ['no query', {}],
      ['an empty query', { query: '' }],
      ['a query of spaces', { query: '   ' }],
      ['a query over 2000 characters', { query: 'x'.repeat(2001) }],
      ['k of 0', { query: 'x', k: 0 }],
      ['k over 20', { query: 'x', k: 21 }],
      ['a document id that is not a uuid', { query: 'x', filter: { documentIds: ['nope'] } }],
    ])('should answer 400 for %s', async (_, body) => {
      const datasetId = await createDataset(`Search input ${Math.random()}`);
      await sut.http.post(`/v1/datasets/${datasetId}/search`).set(auth()).send(body).expect(400);
    });
  });

  it('should answer every route with the body the API document describes, which documents both request bodies', async () => {
    const document = (await sut.http.get('/docs-json').expect(200)).body;
    const validator = new OpenApiResponseValidator(document);
    const upload = document.paths['/v1/datasets/{id}/documents'].post.requestBody;
    expect(Object.keys(upload.content)).toEqual(['application/json', 'multipart/form-data']);
    expect(upload.content['multipart/form-data'].schema).toEqual({ $ref: '#/components/schemas/UploadDocumentForm' });
    expect(document.components.schemas.UploadDocumentForm.properties.file).toMatchObject({ type: 'string', format: 'binary' });
    const created = await sut.http.post('/v1/datasets').set(auth()).send({ name: 'Documented' }).expect(201);
    const id = created.body.id as string;
    const doc = await sut.http.post(`/v1/datasets/${id}/documents`).set(auth()).send({ title: 'Doc', text: 'Beans keep four weeks.' }).expect(202);
    await untilResting(id, doc.body.id);
    const seen: Array<[string, string, Response]> = [
      ['POST', '/v1/datasets', created],
      ['POST', '/v1/datasets', await sut.http.post('/v1/datasets').set(auth()).send({}).expect(400)],
      ['GET', '/v1/datasets', await sut.http.get('/v1/datasets').set(auth()).expect(200)],
      ['GET', '/v1/datasets/{id}', await sut.http.get(`/v1/datasets/${id}`).set(auth()).expect(200)],
      ['GET', '/v1/datasets/{id}', await sut.http.get(`/v1/datasets/${NOT_A_DATASET}`).set(auth()).expect(404)],
      ['POST', '/v1/datasets/{id}/documents', doc],
      ['GET', '/v1/datasets/{id}/documents', await sut.http.get(`/v1/datasets/${id}/documents`).set(auth()).expect(200)],
      ['GET', '/v1/datasets/{id}/documents/{documentId}', await sut.http.get(`/v1/datasets/${id}/documents/${doc.body.id}`).set(auth()).expect(200)],
      ['POST', '/v1/datasets/{id}/search', await sut.http.post(`/v1/datasets/${id}/search`).set(auth()).send({ query: 'beans' }).expect(200)],
    ];
    for (const [method, path, res] of seen) {
      expect({ method, path, status: res.status, errors: validator.errors(method, path, res.status, res.body) }).toEqual({ method, path, status: res.status, errors: null });
    }
  });

  describe('model usage', () => {
    it("should record intake's embeddings and a REST search's query in the usage ledger, with the tokens the documents show", async () => {
      const other = await sut.tenant('usage');
      const ledger = async () =>
        (await sut.sql.query('SELECT purpose, provider, model, input_tokens, output_tokens FROM model_usage WHERE organization_id = $1 ORDER BY created_at', [other.organizationId])).rows;
      const datasetId = await createDataset('Metered', other.apiKey);
      const posted = await sut.http.post(`/v1/datasets/${datasetId}/documents`).set(bearer(other.apiKey)).send({ title: 'Beans', text: 'Whole beans stay fresh for four weeks.' }).expect(202);
      const ready = await pollUntil(
        async () => (await sut.http.get(`/v1/datasets/${datasetId}/documents/${posted.body.id}`).set(bearer(other.apiKey))).body,
        (d) => d.status === 'READY',
        { what: 'the document to be READY' },
      );
      expect(await ledger()).toEqual([{ purpose: 'knowledge.intake', provider: 'offline', model: 'offline-feature-hash', input_tokens: ready.embeddingTokens, output_tokens: 0 }]);

      await sut.http.post(`/v1/datasets/${datasetId}/search`).set(bearer(other.apiKey)).send({ query: 'fresh beans' }).expect(200);
      expect((await ledger()).map((row) => row.purpose)).toEqual(['knowledge.intake', 'knowledge.search']);
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

  describe('knowledge.search through a run', () => {
    it("should answer with passages and record the query embedding's model usage on the step", async () => {
      const res = await sut.http.post('/v1/runs').set(auth()).send({ agent: 'e2e.knowledge_lookup', input: { question: 'How long does shipping take?' } }).expect(201);
      expect(res.body.status).toBe('COMPLETED');
      expect(res.body.output.passages[0]).toMatchObject({ documentTitle: 'Shipping and returns policy', datasetId: expect.any(String) });

      const steps = await sut.sql.query('SELECT tool_name, action, status, provider, model, input_tokens, output_tokens FROM tool_executions WHERE run_id = $1', [res.body.id]);
      expect(steps.rows).toEqual([
        { tool_name: 'knowledge', action: 'search', status: 'SUCCEEDED', provider: 'offline', model: 'offline-feature-hash', input_tokens: expect.any(Number), output_tokens: 0 },
      ]);
      expect(steps.rows[0].input_tokens).toBeGreaterThan(0);
      // The step holds the call; the ledger is for calls outside runs.
      const ledgered = await sut.sql.query("SELECT count(*)::int AS n FROM model_usage WHERE purpose = 'knowledge.search' AND created_at >= $1", [res.body.startedAt]);
      expect(ledgered.rows[0].n).toBe(0);
    });

    it('should fail the step on invalid input, naming the field', async () => {
      const res = await sut.http.post('/v1/runs').set(auth()).send({ agent: 'e2e.knowledge_lookup', input: { question: 'shipping', k: 50 } });
      expect(res.body).toMatchObject({ status: 'FAILED', error: { class: 'ValidationFailedError' } });
      expect(res.body.toolExecutions).toEqual([expect.objectContaining({ tool: 'knowledge', action: 'search', status: 'FAILED' })]);
      expect(res.body.error.message).toContain('input.k');
    });
  });
});

function knowledgeDefaults() {
  return { fetchMaxBytes: 10 * 1024 * 1024, fetchTimeoutMs: 30_000, allowPrivateUrls: false, uploadMaxBytes: 10 * 1024 * 1024, chunkTokens: 400, chunkOverlap: 60 };
}
