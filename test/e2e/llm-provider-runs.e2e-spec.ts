import { IsBoolean, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { loadConfig } from '../../src/config/app-config';
import { Agent } from '../../src/modules/agents/agent.decorator';
import { RetryableError } from '../../src/modules/agents/agent-errors';
import type { AgentHandler, AgentRunContext } from '../../src/modules/agents/agent.types';
import { bearer } from '../support/app';
import { useE2eApp } from '../support/e2e-context';
import type { FakeLlmServer } from '../support/llm/fake-llm-server';
import { openAiReplies, startFakeOpenAiServer } from '../support/llm/fake-openai-server';

class BriefInput {
  @IsString()
  @MinLength(1)
  @MaxLength(2_000)
  brief!: string;

  @IsOptional()
  @IsBoolean()
  failAfterDraft?: boolean;
}

/** Drafts with the model, then (asked to) fails once: the retry must not ask the model again. */
@Agent({ name: 'test-provider-drafter', kind: 'CONTENT', description: 'Drafts with the configured model', input: BriefInput, tools: ['llm.generate'], policy: { maxAttempts: 2 } })
class ProviderDrafter implements AgentHandler<BriefInput> {
  async run(input: BriefInput, context: AgentRunContext) {
    const draft = await context.model.generateText({ prompt: input.brief, maxOutputTokens: 200 });
    if (input.failAfterDraft && context.attempt === 1) throw new RetryableError('the first attempt fails after drafting');
    return { draft: draft.text };
  }
}

/** Lets the model call the diagnostics tool, each call a recorded step between two model turns. */
@Agent({ name: 'test-tool-user', kind: 'CONTENT', description: 'Lets the model call a tool', input: BriefInput, tools: ['llm.generate', 'diagnostics.echo'] })
class ToolUser implements AgentHandler<BriefInput> {
  async run(input: BriefInput, context: AgentRunContext) {
    const answer = await context.model.generateWithTools({ prompt: input.brief, tools: ['diagnostics.echo'] });
    return { text: answer.text, turns: answer.turns, toolResults: answer.toolResults };
  }
}

/** gpt-4o-mini's price in config/llm-prices.json: USD per million tokens in and out. */
const PRICE = { input: 0.15, output: 0.6 };

describe('Runs on a real provider (a local server speaking the OpenAI wire format)', () => {
  let model: FakeLlmServer;
  beforeAll(async () => {
    model = await startFakeOpenAiServer();
  });
  const sut = useE2eApp({
    providers: [ProviderDrafter, ToolUser],
    config: () => ({ llm: { ...loadConfig().llm, provider: 'openai', baseUrl: model.baseUrl, apiKey: 'sk-e2e', model: 'gpt-4o-mini' } }),
  });
  afterAll(() => model.close());
  beforeEach(() => model.reset());

  const run = (agent: string, input: object, apiKey = sut.apiKey) => sut.http.post('/v1/runs').set(bearer(apiKey)).send({ agent, input });

  it('should record the provider, model, tokens and priced cost of the call, and total them on the run', async () => {
    model.respondWith(openAiReplies.text('Autumn is here: meet our Huila single origin.', { prompt_tokens: 1_000, completion_tokens: 2_000 }));

    const res = await run('test-provider-drafter', { brief: 'Announce the Huila single origin' }).expect(201);

    const cost = (1_000 * PRICE.input + 2_000 * PRICE.output) / 1_000_000;
    expect(res.body).toMatchObject({ status: 'COMPLETED', output: { draft: 'Autumn is here: meet our Huila single origin.' } });
    expect(res.body.toolExecutions[0].modelUsage).toEqual({ provider: 'openai.chat', model: 'gpt-4o-mini', inputTokens: 1_000, outputTokens: 2_000, costUsd: cost });
    expect(res.body.usage).toEqual({ inputTokens: 1_000, outputTokens: 2_000, costUsd: cost, unpricedCalls: 0 });
    expect(model.requests).toHaveLength(1);
    expect(model.requests[0].body).toMatchObject({ model: 'gpt-4o-mini', max_tokens: 200 });
    const metrics = (await sut.http.get('/metrics').expect(200)).text;
    expect(metrics).toMatch(/^neonhub_llm_tokens_total\{model="gpt-4o-mini",direction="output"\} [1-9]\d*$/m);
    expect(metrics).toMatch(/^neonhub_llm_cost_usd_total\{model="gpt-4o-mini"\} 0\.\d+$/m);
    expect(metrics).toMatch(/^neonhub_llm_request_duration_seconds_count\{model="gpt-4o-mini"\} [1-9]\d*$/m);
  });

  it('should replay the succeeded model call when the run is retried: the provider is asked exactly once', async () => {
    const res = await run('test-provider-drafter', { brief: 'A cold brew teaser', failAfterDraft: true }).expect(201);

    expect(res.body).toMatchObject({ status: 'COMPLETED', attempt: 2, output: { draft: 'Fake answer.' } });
    expect(model.requests).toHaveLength(1);
    expect(res.body.toolExecutions.filter((s: { tool: string }) => s.tool === 'llm')).toHaveLength(1);
  });

  it('should fail a call the budget cannot cover before any request reaches the provider', async () => {
    const tenant = await sut.tenant('broke');
    await sut.sql.query('UPDATE organizations SET monthly_token_budget = 100 WHERE id = $1', [tenant.organizationId]);

    await run('test-provider-drafter', { brief: 'A long holiday campaign' }, tenant.apiKey).expect(402);

    expect(model.requests).toHaveLength(0);
  });

  it('should mark the run FAILED with the provider failure category when the provider refuses', async () => {
    model.respondWith(openAiReplies.error(401, 'Incorrect API key provided', { type: 'invalid_request_error' }));

    const res = await run('test-provider-drafter', { brief: 'Anything' }).expect(201);

    expect(res.body).toMatchObject({ status: 'FAILED', error: { class: 'LlmError:AUTH' } });
    expect(model.requests).toHaveLength(1);
  });

  it('should let the model call an allowed tool through the recording proxy, then answer', async () => {
    model.respondWith(
      openAiReplies.toolCalls([{ id: 'call_1', name: 'diagnostics__echo', arguments: { message: 'from the model' } }]),
      openAiReplies.text('The tool said: from the model'),
    );

    const res = await run('test-tool-user', { brief: 'Use the echo tool' }).expect(201);

    expect(res.body).toMatchObject({ status: 'COMPLETED', output: { text: 'The tool said: from the model', turns: 2 } });
    expect(res.body.toolExecutions.map((s: { tool: string; action: string }) => `${s.tool}.${s.action}`)).toEqual(['llm.generate', 'diagnostics.echo', 'llm.generate']);
    expect(res.body.toolExecutions[1].input).toEqual({ message: 'from the model' });
    const offered = model.requests[0].body.tools as Array<{ function: { name: string; parameters: object } }>;
    expect(offered.map((t) => t.function.name)).toEqual(['diagnostics__echo']);
    const followUp = model.requests[1].body.messages as Array<{ role: string }>;
    expect(followUp.map((m) => m.role)).toEqual(['user', 'assistant', 'tool']);
  });

  it('should fail the run when the model asks for a tool it was not offered, without calling anything', async () => {
    model.respondWith(openAiReplies.toolCalls([{ id: 'call_1', name: 'connector__send_email', arguments: {} }]));

    const res = await run('test-tool-user', { brief: 'Try something else' }).expect(201);

    expect(res.body).toMatchObject({ status: 'FAILED', error: { class: 'LlmError:INVALID_OUTPUT' } });
    expect(res.body.toolExecutions.map((s: { tool: string }) => s.tool)).toEqual(['llm']);
  });
});
