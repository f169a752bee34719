import { IsBoolean, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { Agent } from '../../src/modules/agents/agent.decorator';
import { RetryableError } from '../../src/modules/agents/agent-errors';
import type { AgentHandler, AgentRunContext } from '../../src/modules/agents/agent.types';
import { bearer } from '../support/app';
import { useE2eApp } from '../support/e2e-context';

class DraftInput {
  @IsString()
  @MinLength(1)
  @MaxLength(2_000)
  brief!: string;

  @IsOptional()
  @IsBoolean()
  failAfterDraft?: boolean;

  @IsOptional()
  @IsBoolean()
  embed?: boolean;
}

class Headline {
  @IsString()
  @MinLength(1)
  headline!: string;
}

/** Drafts with the model, then (asked to) fails once after it: the retry must replay the draft. */
@Agent({ name: 'test-drafter', kind: 'CONTENT', description: 'Drafts a text from a brief', input: DraftInput, tools: ['llm.*'], policy: { maxAttempts: 2 } })
class DrafterAgent implements AgentHandler<DraftInput> {
  async run(input: DraftInput, context: AgentRunContext) {
    const draft = await context.model.generateText({ system: 'You write short marketing copy.', prompt: input.brief });
    const title = await context.model.generateObject(Headline, { prompt: `A headline for: ${input.brief}` });
    if (input.embed) await context.model.embed([draft.text]);
    if (input.failAfterDraft && context.attempt === 1) throw new RetryableError('the first attempt fails after drafting');
    return { draft: draft.text, headline: title.object.headline, usage: context.usage() };
  }
}

describe('Model calls as recorded run steps', () => {
  const sut = useE2eApp({ providers: [DrafterAgent] });
  const run = (input: object, apiKey = sut.apiKey) => sut.http.post('/v1/runs').set(bearer(apiKey)).send({ agent: 'test-drafter', input });

  it('should record each model call as an llm step with provider, model, tokens and cost, and total them on the run', async () => {
    const res = await run({ brief: 'Announce our autumn single-origin coffee from Huila', embed: true }).expect(201);

    expect(res.body.error).toBeNull();
    expect(res.body.status).toBe('COMPLETED');
    const steps = res.body.toolExecutions;
    expect(steps.map((s: { tool: string; action: string }) => `${s.tool}.${s.action}`)).toEqual(['llm.generate', 'llm.generate', 'llm.embed']);
    for (const step of steps) {
      expect(step.modelUsage).toEqual({ provider: expect.any(String), model: expect.stringMatching(/^offline-/), inputTokens: expect.any(Number), outputTokens: expect.any(Number), costUsd: 0 });
      expect(step.modelUsage.inputTokens).toBeGreaterThan(0);
    }
    const sum = (key: 'inputTokens' | 'outputTokens') => steps.reduce((total: number, s: { modelUsage: Record<string, number> }) => total + s.modelUsage[key], 0);
    expect(res.body.usage).toEqual({ inputTokens: sum('inputTokens'), outputTokens: sum('outputTokens'), costUsd: 0, unpricedCalls: 0 });
    expect(res.body.output.usage).toEqual(res.body.usage);
    expect(res.body.output.draft).toContain('Huila');
    expect(res.body.output.headline).toEqual(expect.any(String));
  });

  it('should replay a succeeded model call on the retry instead of calling the model again', async () => {
    const res = await run({ brief: 'A newsletter intro about our new cold brew', failAfterDraft: true }).expect(201);

    expect(res.body).toMatchObject({ status: 'COMPLETED', attempt: 2 });
    const llmSteps = res.body.toolExecutions.filter((s: { tool: string }) => s.tool === 'llm');
    expect(llmSteps.map((s: { step: number; attempt: number }) => [s.step, s.attempt])).toEqual([
      [1, 1],
      [2, 1],
    ]);
    // Totals count each call once, although the second attempt used both answers.
    expect(res.body.usage.inputTokens).toBe(llmSteps[0].modelUsage.inputTokens + llmSteps[1].modelUsage.inputTokens);
    expect(res.body.output.usage).toEqual(res.body.usage);
  });

  it('should refuse a call the monthly budget cannot cover with 402 before the model is asked, and end the run FAILED', async () => {
    const tenant = await sut.tenant('budget');
    await sut.sql.query('UPDATE organizations SET monthly_token_budget = 20 WHERE id = $1', [tenant.organizationId]);

    const res = await run({ brief: 'A long launch post for the holiday blend' }, tenant.apiKey).expect(402);

    expect(res.body).toEqual({ statusCode: 402, error: 'Payment Required', message: expect.stringMatching(/^run [0-9a-f-]{36} failed: the organization's monthly token budget is spent: 0 of 20 tokens used in \d{4}-\d{2}/), requestId: expect.any(String) });
    const runId = /^run ([0-9a-f-]{36})/.exec(res.body.message)![1];
    const stored = await sut.http.get(`/v1/runs/${runId}`).set(bearer(tenant.apiKey)).expect(200);
    expect(stored.body).toMatchObject({ status: 'FAILED', error: { class: 'BudgetExceededError:BUDGET_EXCEEDED' }, usage: { inputTokens: 0, outputTokens: 0 } });
    expect(stored.body.toolExecutions).toEqual([expect.objectContaining({ tool: 'llm', status: 'FAILED', modelUsage: null })]);
  });

  it('should report usage per model, per agent and outside runs, with the budget left', async () => {
    const tenant = await sut.tenant('usage');
    await sut.sql.query('UPDATE organizations SET monthly_token_budget = 1000000 WHERE id = $1', [tenant.organizationId]);
    const first = await run({ brief: 'Two lines on our espresso subscription' }, tenant.apiKey).expect(201);
    const second = await run({ brief: 'A tweet for our barista workshop' }, tenant.apiKey).expect(201);
    // Outside any run: a brand voice's examples are embedded when it is created.
    const brand = await sut.http.post('/v1/brands').set(bearer(tenant.apiKey)).send({ name: 'Usage Roasters' }).expect(201);
    await sut.http.post(`/v1/brands/${brand.body.id}/voices`).set(bearer(tenant.apiKey)).send({ name: 'Warm', examples: ['Roasted this week, for you.'] }).expect(201);
    const inRuns = first.body.usage.inputTokens + first.body.usage.outputTokens + second.body.usage.inputTokens + second.body.usage.outputTokens;

    const res = await sut.http.get('/v1/usage').set(bearer(tenant.apiKey)).expect(200);

    const outside = res.body.outsideRuns;
    expect(outside).toEqual([expect.objectContaining({ purpose: 'brand.voice_examples', model: 'offline-feature-hash', calls: 1, outputTokens: 0, costUsd: 0 })]);
    const used = inRuns + outside[0].inputTokens;
    expect(res.body).toEqual({
      month: new Date().toISOString().slice(0, 7),
      budget: { tokens: 1_000_000, used, remaining: 1_000_000 - used, source: 'organization' },
      totals: { inputTokens: expect.any(Number), outputTokens: expect.any(Number), costUsd: 0, unpricedCalls: 0, calls: 5 },
      byModel: [expect.objectContaining({ model: 'offline-template', calls: 4, costUsd: 0 })],
      byAgent: [expect.objectContaining({ agent: 'test-drafter', runs: 2, calls: 4 })],
      outsideRuns: outside,
    });
    expect(res.body.totals.inputTokens + res.body.totals.outputTokens).toBe(used);
    const empty = await sut.http.get('/v1/usage?month=2020-01').set(bearer(tenant.apiKey)).expect(200);
    expect(empty.body.totals.calls).toBe(0);
  });

  it('should answer 400 for a malformed month', async () => {
    const res = await sut.http.get('/v1/usage?month=2026-13').set(bearer(sut.apiKey)).expect(400);
    expect(res.body.message).toContain('month must be YYYY-MM');
  });
});
