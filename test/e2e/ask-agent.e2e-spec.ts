import { loadConfig } from '../../src/config/app-config';
import { bearer } from '../support/app';
import { useE2eApp } from '../support/e2e-context';
import type { FakeLlmServer } from '../support/llm/fake-llm-server';
import { anthropicReplies, startFakeAnthropicServer } from '../support/llm/fake-anthropic-server';

interface Citation {
  marker: number;
  documentTitle: string;
  excerpt: string;
}

/** The built-in ask agent on the seeded demo organization: the demo dataset and the demo brand. */
describe('The ask agent', () => {
  describe('on the offline model', () => {
    const sut = useE2eApp();
    const ask = (input: object, apiKey = sut.apiKey) => sut.http.post('/v1/runs').set(bearer(apiKey)).send({ agent: 'ask', input });
    const demoBrandId = async () => (await sut.sql.query("SELECT id FROM brands WHERE organization_id = $1 AND name = 'Northwind Coffee'", [sut.organizationId])).rows[0].id as string;

    it('should answer from the demo knowledge in the brand voice, citing the passages, with the run totals', async () => {
      const res = await ask({ question: 'How long does shipping to the European Union take?', brandId: await demoBrandId() }).expect(201);

      expect(res.body).toMatchObject({ status: 'COMPLETED', output: { grounded: true, model: 'offline-template' } });
      expect(res.body.toolExecutions.map((s: { tool: string; action: string }) => `${s.tool}.${s.action}`)).toEqual(['knowledge.search', 'brand.voice', 'llm.generate']);
      const { answer, citations, usage } = res.body.output as { answer: string; citations: Citation[]; usage: object };
      expect(citations[0]).toMatchObject({ marker: 1, documentTitle: 'Shipping and returns policy' });
      expect(answer).toContain('[1]');
      // The answer carries the run's totals: the search's query embedding and the model call.
      expect(usage).toEqual(res.body.usage);
      expect(res.body.usage.inputTokens).toBeGreaterThan(0);
      const prompt = res.body.toolExecutions[2].input as { system: string; prompt: string };
      expect(prompt.system).toContain('Write as Northwind Coffee');
      expect(prompt.prompt).toContain('[1] Shipping and returns policy');
      expect(prompt.prompt).toContain('We ship to Canada and the European Union in 7 to 12 working days');
    });

    it('should not ask the model when the knowledge base has nothing on the question', async () => {
      const tenant = await sut.tenant('empty-kb');

      const res = await ask({ question: 'What is our refund policy?' }, tenant.apiKey).expect(201);

      expect(res.body.output).toMatchObject({ grounded: false, citations: [], model: null });
      expect(res.body.toolExecutions.map((s: { tool: string }) => s.tool)).toEqual(['knowledge']);
    });

    it("should refuse another organization's brand as the run's failure, and bad input as 400", async () => {
      const tenant = await sut.tenant('ask-other');
      const dataset = await sut.http.post('/v1/datasets').set(bearer(tenant.apiKey)).send({ name: 'Notes' }).expect(201);
      // One passage of its own, written as intake writes it (the full-text leg finds it).
      const doc = await sut.sql.query("INSERT INTO documents (organization_id, dataset_id, title, source, status, updated_at) VALUES ($1, $2, 'Hours', 'TEXT', 'READY', now()) RETURNING id", [tenant.organizationId, dataset.body.id]);
      await sut.sql.query(
        "INSERT INTO chunks (organization_id, dataset_id, document_id, document_version, position, text, token_count, embedding_space_id, search_vector) SELECT $1, $2, $3, 0, 0, $4, 9, id, to_tsvector('english', $4) FROM embedding_spaces LIMIT 1",
        [tenant.organizationId, dataset.body.id, doc.rows[0].id, 'Our opening hours are nine to five on weekdays.'],
      );

      const other = await ask({ question: 'What are the opening hours?', brandId: await demoBrandId() }, tenant.apiKey).expect(201);

      expect(other.body).toMatchObject({ status: 'FAILED', error: { class: 'BrandNotFoundError' } });
      const missing = await ask({ question: '' }).expect(400);
      expect(missing.body.message).toContain('input.question');
    });
  });

  describe('on a real provider (a local server speaking the Anthropic Messages API)', () => {
    let model: FakeLlmServer;
    beforeAll(async () => {
      model = await startFakeAnthropicServer();
    });
    // Anthropic has no embeddings API: embeddings stay offline, in the seeded chunks' space.
    const sut = useE2eApp({ config: () => ({ llm: { ...loadConfig().llm, provider: 'anthropic', baseUrl: model.baseUrl, apiKey: 'sk-e2e', model: 'claude-3-5-haiku-latest' } }) });
    afterAll(() => model.close());

    it('should cite only the passages the model marked, and price the call', async () => {
      model.respondWith(anthropicReplies.text('Orders placed before noon ship the same working day [1].', { input_tokens: 400, output_tokens: 20 }));

      const res = await sut.http.post('/v1/runs').set(bearer(sut.apiKey)).send({ agent: 'ask', input: { question: 'When do orders ship?' } }).expect(201);

      expect(res.body.error).toBeNull();
      const { citations, answer } = res.body.output as { citations: Citation[]; answer: string };
      expect(answer).toBe('Orders placed before noon ship the same working day [1].');
      expect(citations.map((c) => [c.marker, c.documentTitle])).toEqual([[1, 'Shipping and returns policy']]);
      // claude-3-5-haiku-latest: USD 0.8 and 4 per million tokens in and out.
      expect(res.body.toolExecutions[1].modelUsage).toEqual({ provider: 'anthropic.messages', model: 'claude-3-5-haiku-latest', inputTokens: 400, outputTokens: 20, costUsd: 0.0004 });
      expect(model.requests).toHaveLength(1);
    });
  });

  describe('turned off', () => {
    const sut = useE2eApp({ config: { askAgentEnabled: false } });

    it('should not be offered', async () => {
      const agents = await sut.http.get('/v1/agents').set(bearer(sut.apiKey)).expect(200);
      expect(agents.body.map((a: { name: string }) => a.name)).not.toContain('ask');
    });
  });
});
