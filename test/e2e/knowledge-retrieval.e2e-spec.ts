import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { IsInt, IsNotEmpty, IsOptional, IsString } from 'class-validator';
import type { Response } from 'supertest';
import { Agent } from '../../src/modules/agents/agent.decorator';
import type { AgentHandler, AgentRunContext } from '../../src/modules/agents/agent.types';
import { WorkerModule } from '../../src/worker.module';
import { bearer } from '../support/app';
import { useE2eApp } from '../support/e2e-context';
import { OpenApiResponseValidator } from '../support/openapi-validator';
import { pollUntil } from '../support/poll';
import { DisposableRedis } from '../support/redis-server';

const NOT_A_DATASET = '00000000-0000-4000-8000-000000000000';

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
 * Getting knowledge back out: the REST search (ranking, filters, 400s), every route's body against
 * the API document, knowledge.search through a real run, and where model usage is recorded.
 */
describe('Knowledge retrieval', () => {
  let redis: DisposableRedis;
  beforeAll(async () => {
    redis = await DisposableRedis.create();
    await redis.start();
  });
  const sut = useE2eApp({ config: () => ({ redisUrl: redis.url }), providers: [KnowledgeLookupAgent] });
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
