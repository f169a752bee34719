import { IsIn, IsString } from 'class-validator';
import type { FakeLlmServer } from '../../../../test/support/llm/fake-llm-server';
import { openAiReplies, startFakeOpenAiServer } from '../../../../test/support/llm/fake-openai-server';
import { wireLlmService } from '../../../../test/support/llm/wire-llm-service';
import { LlmService } from '../llm.service';

class SloganDto {
  @IsString()
  slogan!: string;

  @IsIn(['calm', 'bold'])
  tone!: 'calm' | 'bold';
}

/**
 * The openai-compatible provider (vLLM, Ollama, gateways) against a local server mounted below a
 * path of its own, as gateways are: LLM_BASE_URL is the whole prefix, nothing is assumed about it.
 */
describe(`${LlmService.name} with the openai-compatible provider`, () => {
  let server: FakeLlmServer;
  let sut: LlmService;

  beforeAll(async () => {
    server = await startFakeOpenAiServer({ prefix: '/gateway/team-a/v1' });
    sut = wireLlmService('openai-compatible', server.baseUrl);
  });

  afterAll(() => server.close());

  beforeEach(() => server.reset());

  it('should send chat completions below the custom base URL, with the key, and return usage', async () => {
    server.respondWith(openAiReplies.text('Brew bold.', { prompt_tokens: 11, completion_tokens: 3 }));
    const result = await sut.generateText({ prompt: 'A slogan for tea' });
    expect(result).toEqual({ text: 'Brew bold.', toolCalls: [], finishReason: 'stop', usage: { inputTokens: 11, outputTokens: 3 }, provider: 'openai-compatible.chat', model: 'wire-model' });
    expect(server.requests[0]).toMatchObject({
      path: '/gateway/team-a/v1/chat/completions',
      headers: { authorization: 'Bearer sk-wire-test' },
      body: { model: 'wire-model', messages: [{ role: 'user', content: 'A slogan for tea' }] },
    });
  });

  it('should send the DTO as a json_schema response format and return the validated object', async () => {
    server.respondWith(openAiReplies.text(JSON.stringify({ slogan: 'Steep calm', tone: 'calm' })));
    const result = await sut.generateObject(SloganDto, { prompt: 'A slogan for tea' });
    expect(result.object).toBeInstanceOf(SloganDto);
    expect(result.object).toEqual({ slogan: 'Steep calm', tone: 'calm' });
    expect(server.requests[0].body.response_format).toMatchObject({
      type: 'json_schema',
      json_schema: { name: 'SloganDto', schema: { type: 'object', properties: { slogan: { type: 'string' } }, additionalProperties: false } },
    });
  });

  it('should ask for stream usage (includeUsage) and report it', async () => {
    server.respondWith(openAiReplies.stream(['Brew ', 'bold.'], { prompt_tokens: 8, completion_tokens: 2 }));
    const stream = sut.streamText({ prompt: 'A slogan' });
    for await (const delta of stream) void delta;
    await expect(stream.result).resolves.toMatchObject({ text: 'Brew bold.', usage: { inputTokens: 8, outputTokens: 2 } });
    expect(server.requests[0].body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
  });

  it('should embed below the custom base URL at EMBEDDING_DIMENSIONS', async () => {
    const result = await sut.embed(['first', 'second']);
    expect(result.embeddings).toHaveLength(2);
    expect(result.embeddings[0]).toHaveLength(8);
    expect(result).toMatchObject({ provider: 'openai-compatible.embedding', model: 'wire-embedding' });
    expect(server.requests[0]).toMatchObject({ path: '/gateway/team-a/v1/embeddings', body: { model: 'wire-embedding', input: ['first', 'second'], dimensions: 8 } });
  });

  it('should map a gateway 503 to PROVIDER_UNAVAILABLE, in one request', async () => {
    server.respondWith(openAiReplies.error(503, 'upstream unavailable'));
    await expect(sut.generateText({ prompt: 'hello' })).rejects.toMatchObject({ category: 'PROVIDER_UNAVAILABLE', retryable: true, details: { providerStatus: 503 } });
    expect(server.requests).toHaveLength(1);
  });
});
