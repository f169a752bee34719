import { randomUUID } from 'node:crypto';
import { IsNotEmpty, IsOptional, IsString, IsUUID } from 'class-validator';
import type { Response } from 'supertest';
import { DEMO_BRAND_NAME } from '../../src/infra/database/seed/seed-brand';
import { Agent } from '../../src/modules/agents/agent.decorator';
import type { AgentHandler, AgentRunContext } from '../../src/modules/agents/agent.types';
import { bearer } from '../support/app';
import { useE2eApp } from '../support/e2e-context';
import { OpenApiResponseValidator } from '../support/openapi-validator';

const BRAND_CHECK_AGENT = 'e2e.brand_check';

class BrandCheckInput {
  @IsUUID() brandId!: string;
  @IsString() @IsNotEmpty() text!: string;
  @IsOptional() @IsUUID() voiceId?: string;
}

/** A test-only agent that reads a brand's voice, then checks a draft against it: two brand tool calls through its proxy. */
@Agent({
  name: BRAND_CHECK_AGENT,
  kind: 'BRAND_VOICE',
  description: 'Test agent: reads a brand voice and scores a draft against it',
  input: BrandCheckInput,
  tools: ['brand.voice', 'brand.score_voice'],
  policy: { maxAttempts: 1 },
})
class BrandCheckAgent implements AgentHandler<BrandCheckInput> {
  async run(input: BrandCheckInput, context: AgentRunContext): Promise<unknown> {
    const voice = await context.tools.call<{ voiceId: string }>('brand', 'voice', { brandId: input.brandId, ...(input.voiceId ? { voiceId: input.voiceId } : {}) });
    const score = await context.tools.call('brand', 'score_voice', { ...input, voiceId: voice.voiceId });
    return { voice, score };
  }
}

/** In the seeded Northwind voice: its subjects, its required element, none of its banned words. */
const ON_VOICE = 'Our new Northwind single-origin from Cajamarca is here: cocoa, cherry and a sweet finish, roasted in small batches for you.';
const OFF_VOICE = 'BUY NOW!!! Cheap instant coffee, guaranteed lowest prices, limited offer, click here.';

describe('Brand voice scoring (POST /v1/brands/:brandId/score and the brand.score_voice tool)', () => {
  const sut = useE2eApp({ providers: [BrandCheckAgent] });
  let validator: OpenApiResponseValidator;
  let demoBrandId: string;

  beforeAll(async () => {
    validator = new OpenApiResponseValidator((await sut.http.get('/docs-json').expect(200)).body);
    const { rows } = await sut.sql.query('SELECT id FROM brands WHERE organization_id = $1 AND name = $2', [sut.organizationId, DEMO_BRAND_NAME]);
    demoBrandId = rows[0].id;
  });

  const auth = (key = sut.apiKey) => bearer(key);
  const score = (brandId: string, body: Record<string, unknown>, key = sut.apiKey) => sut.http.post(`/v1/brands/${brandId}/score`).set(auth(key)).send(body);
  const conforms = (res: Response) => expect(validator.errors('POST', '/v1/brands/{brandId}/score', res.status, res.body)).toBeNull();

  async function brandWithVoices(key: string, voices: Array<Record<string, unknown>>): Promise<{ brandId: string; voiceIds: string[] }> {
    const brandId = (await sut.http.post('/v1/brands').set(auth(key)).send({ name: `Brand ${randomUUID()}` }).expect(201)).body.id;
    const voiceIds: string[] = [];
    for (const voice of voices) {
      voiceIds.push((await sut.http.post(`/v1/brands/${brandId}/voices`).set(auth(key)).send({ name: `Voice ${randomUUID()}`, ...voice }).expect(201)).body.id);
    }
    return { brandId, voiceIds };
  }

  it('should embed the seeded demo voice on its first score, and score an on-voice text above an off-voice one', async () => {
    const voices = async () => (await sut.http.get(`/v1/brands/${demoBrandId}/voices`).set(auth()).expect(200)).body.items;
    // As seeded, whatever scored it before in this file.
    await sut.sql.query('UPDATE brand_voices SET embedding = NULL, embedding_space_id = NULL WHERE brand_id = $1', [demoBrandId]);
    expect(await voices()).toEqual([expect.objectContaining({ isDefault: true, embedded: false, embeddingModel: null })]);

    const on = await score(demoBrandId, { text: ON_VOICE }).expect(200);
    const off = await score(demoBrandId, { text: OFF_VOICE }).expect(200);

    conforms(on);
    conforms(off);
    expect(await voices()).toEqual([expect.objectContaining({ embedded: true, embeddingModel: 'offline-feature-hash' })]);
    expect(on.body).toMatchObject({ brandId: demoBrandId, voiceId: (await voices())[0].id, passed: true });
    expect(on.body.score).toBeGreaterThan(off.body.score);
    expect(on.body.similarity).toBeGreaterThan(off.body.similarity);
    expect(on.body.reasons).toEqual([{ rule: 'similarity', message: expect.stringContaining("similarity to the voice's examples") }]);
  });

  it('should fail a text that uses banned words, naming each of them, and say which other rules it broke', async () => {
    const res = await score(demoBrandId, { text: OFF_VOICE }).expect(200);

    expect(res.body.passed).toBe(false);
    expect(res.body.reasons).toEqual(
      expect.arrayContaining([
        { rule: 'banned_words', message: 'uses banned words: "cheap", "instant", "guaranteed"' },
        { rule: 'required_elements', message: 'lacks required elements: "Northwind"' },
      ]),
    );
  });

  it("should report a phrase a don't-rule quotes, and a text outside the length limits", async () => {
    const res = await score(demoBrandId, { text: 'Northwind: "cheap"?' }).expect(200);

    expect(res.body.reasons.map((r: { rule: string }) => r.rule)).toEqual(['similarity', 'banned_words', 'length', 'dont_rule']);
  });

  it('should score against the voice named, or the only voice of a brand without a default', async () => {
    const { brandId, voiceIds } = await brandWithVoices(sut.apiKey, [{ examples: ['Sea salt, driftwood and cold mornings at the harbour.'] }]);

    await expect(score(brandId, { text: 'Cold harbour mornings.' }).expect(200)).resolves.toMatchObject({ body: { voiceId: voiceIds[0] } });
    const second = await sut.http.post(`/v1/brands/${brandId}/voices`).set(auth()).send({ name: 'Second', examples: ['Neon signs, late trains.'] }).expect(201);
    await expect(score(brandId, { text: 'Late trains.', voiceId: second.body.id }).expect(200)).resolves.toMatchObject({ body: { voiceId: second.body.id } });
  });

  it('should answer 422 for a brand with no voice, or with several and no default, when no voice is named', async () => {
    const none = await brandWithVoices(sut.apiKey, []);
    const several = await brandWithVoices(sut.apiKey, [{ examples: ['one'] }, { examples: ['two'] }]);

    expect((await score(none.brandId, { text: 'hello' }).expect(422)).body.message).toBe(`brand ${none.brandId} has no voice; create one first`);
    await score(several.brandId, { text: 'hello' }).expect(422);
  });

  it("should answer 404 for another organization's brand or voice, and 400 for bad input", async () => {
    const other = await sut.tenant('scoring-other');
    const theirs = await brandWithVoices(other.apiKey, [{ examples: ['Theirs.'], isDefault: true }]);

    await score(theirs.brandId, { text: 'hello' }).expect(404);
    await score(demoBrandId, { text: 'hello', voiceId: theirs.voiceIds[0] }).expect(404);
    await score(demoBrandId, { text: '' }).expect(400);
    await score(demoBrandId, { text: 'x'.repeat(20_001) }).expect(400);
    await score(demoBrandId, { text: 'hello', voiceId: 'default' }).expect(400);
  });

  it('should answer 402 when the organization has no budget left, and write nothing', async () => {
    const poor = await sut.tenant('scoring-poor');
    // Spent this month (embeddings of an ingested document, in the usage ledger), set before the organization's first
    // model call: each process caches a budget for a few seconds.
    await sut.sql.query('UPDATE organizations SET monthly_token_budget = 100 WHERE id = $1', [poor.organizationId]);
    await sut.sql.query(
      "INSERT INTO model_usage (organization_id, purpose, provider, model, input_tokens, output_tokens, cost_usd) VALUES ($1, 'knowledge.intake', 'offline', 'offline-feature-hash', 100, 0, 0)",
      [poor.organizationId],
    );
    const { brandId } = await brandWithVoices(poor.apiKey, []);
    const { rows: inserted } = await sut.sql.query(
      "INSERT INTO brand_voices (organization_id, brand_id, name, is_default, examples, updated_at) VALUES ($1, $2, 'Seeded', true, $3, now()) RETURNING id",
      [poor.organizationId, brandId, ['Written before the budget ran out.']],
    );
    const voiceId = inserted[0].id;

    const refused = await sut.http.post(`/v1/brands/${brandId}/voices`).set(auth(poor.apiKey)).send({ name: 'Too costly', examples: ['Any example at all.'] }).expect(402);
    await score(brandId, { text: 'hello' }, poor.apiKey).expect(402);
    await sut.http.patch(`/v1/brands/${brandId}/voices/${voiceId}`).set(auth(poor.apiKey)).send({ name: 'Renamed', examples: ['New examples.'] }).expect(402);

    expect(refused.body).toEqual({ statusCode: 402, error: 'Payment Required', message: expect.stringContaining('token budget is spent'), requestId: expect.any(String) });
    const { rows } = await sut.sql.query('SELECT name, examples, embedding IS NULL AS unembedded FROM brand_voices WHERE brand_id = $1', [brandId]);
    expect(rows).toEqual([{ name: 'Seeded', examples: ['Written before the budget ran out.'], unembedded: true }]);
  });

  it("should give the voice guide and record the score's model usage on the run's step and in the run's totals", async () => {
    const created = await sut.http.post('/v1/runs').set(auth()).send({ agent: BRAND_CHECK_AGENT, input: { brandId: demoBrandId, text: ON_VOICE } }).expect(201);

    expect(created.body.status).toBe('COMPLETED');
    expect(created.body.output.voice).toEqual({
      brandId: demoBrandId,
      brandName: DEMO_BRAND_NAME,
      voiceId: expect.any(String),
      voiceName: 'House voice',
      tone: ['warm', 'confident', 'playful'],
      audience: expect.any(String),
      doRules: expect.any(Array),
      dontRules: expect.any(Array),
      bannedWords: expect.arrayContaining(['cheap']),
      requiredElements: ['Northwind'],
      minLength: 40,
      maxLength: 600,
      examples: expect.any(Array),
    });
    expect(created.body.output.score).toMatchObject({ brandId: demoBrandId, voiceId: created.body.output.voice.voiceId, passed: true, score: expect.any(Number) });
    const run = (await sut.http.get(`/v1/runs/${created.body.id}`).set(auth()).expect(200)).body;
    expect(run.toolExecutions).toEqual([
      expect.objectContaining({ tool: 'brand', action: 'voice', step: 1, status: 'SUCCEEDED', modelUsage: null }),
      expect.objectContaining({
        tool: 'brand',
        action: 'score_voice',
        step: 2,
        status: 'SUCCEEDED',
        modelUsage: { provider: expect.any(String), model: 'offline-feature-hash', inputTokens: expect.any(Number), outputTokens: 0, costUsd: 0 },
      }),
    ]);
    const step = run.toolExecutions[1].modelUsage;
    expect(step.inputTokens).toBeGreaterThan(0);
    expect(run.usage).toEqual({ inputTokens: step.inputTokens, outputTokens: 0, costUsd: 0, unpricedCalls: 0 });
  });

  it("should fail a run that reads another organization's brand voice, with the call on record", async () => {
    const other = await sut.tenant('scoring-run-other');
    const theirs = await brandWithVoices(other.apiKey, [{ examples: ['Theirs.'], isDefault: true }]);

    const created = await sut.http.post('/v1/runs').set(auth()).send({ agent: BRAND_CHECK_AGENT, input: { brandId: theirs.brandId, text: 'hello' } }).expect(201);

    expect(created.body).toMatchObject({ status: 'FAILED', error: { class: 'BrandNotFoundError', message: `brand ${theirs.brandId} not found` } });
    expect(created.body.toolExecutions).toEqual([expect.objectContaining({ tool: 'brand', action: 'voice', status: 'FAILED', modelUsage: null })]);
  });
});
