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
 * The real OpenAI provider against a local server speaking the Chat Completions and Embeddings
 * wire format: the request LlmService sends and what it makes of the answer.
 */
describe(`${LlmService.name} with the openai provider`, () => {
  let server: FakeLlmServer;
  let sut: LlmService;

  beforeAll(async () => {
    server = await startFakeOpenAiServer();
    sut = wireLlmService('openai', server.baseUrl);
  });

  afterAll(() => server.close());

  beforeEach(() => server.reset());

  it('should send a chat completion and return the answer with its usage figures', async () => {
    server.respondWith(openAiReplies.text('Brew something bold.', { prompt_tokens: 12, completion_tokens: 5 }));
    const result = await sut.generateText({ system: 'Be brief.', prompt: 'A slogan for tea' });
    expect(result).toEqual({ text: 'Brew something bold.', toolCalls: [], finishReason: 'stop', usage: { inputTokens: 12, outputTokens: 5 }, provider: 'openai.chat', model: 'wire-model' });
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]).toMatchObject({
      path: '/v1/chat/completions',
      headers: { authorization: 'Bearer sk-wire-test' },
      body: { model: 'wire-model', messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'A slogan for tea' }] },
    });
    expect(server.requests[0].body).not.toHaveProperty('tools');
  });

  it('should answer with the default reply when nothing is scripted, counting each request', async () => {
    await sut.generateText({ prompt: 'one' });
    await sut.generateText({ prompt: 'two' });
    expect(server.requests.map((request) => request.path)).toEqual(['/v1/chat/completions', '/v1/chat/completions']);
  });

  it('should ask for the DTO JSON schema and return the validated object', async () => {
    server.respondWith(openAiReplies.text(JSON.stringify({ slogan: 'Steep bold', tone: 'bold' })));
    const result = await sut.generateObject(SloganDto, { prompt: 'A slogan for tea' });
    expect(result.object).toBeInstanceOf(SloganDto);
    expect(result.object).toEqual({ slogan: 'Steep bold', tone: 'bold' });
    const format = server.requests[0].body.response_format as { type: string; json_schema: { name: string; schema: Record<string, unknown> } };
    expect(format.type).toBe('json_schema');
    expect(format.json_schema.name).toBe('SloganDto');
    expect(format.json_schema.schema).toMatchObject({ type: 'object', properties: { slogan: { type: 'string' }, tone: { enum: ['calm', 'bold'] } } });
  });

  it('should classify an object that fails the DTO rules as INVALID_OUTPUT', async () => {
    server.respondWith(openAiReplies.text(JSON.stringify({ slogan: 'Steep', tone: 'loud' })));
    await expect(sut.generateObject(SloganDto, { prompt: 'A slogan' })).rejects.toMatchObject({ category: 'INVALID_OUTPUT', retryable: false });
  });

  it('should embed through the embeddings endpoint at EMBEDDING_DIMENSIONS', async () => {
    server.respondWith(openAiReplies.embeddings([new Array(8).fill(0), new Array(8).fill(0.5)], 6));
    const result = await sut.embed(['first', 'second']);
    expect(result).toEqual({ embeddings: [new Array(8).fill(0), new Array(8).fill(0.5)], usage: { inputTokens: 6, outputTokens: 0 }, provider: 'openai.embedding', model: 'wire-embedding' });
    expect(server.requests[0]).toMatchObject({ path: '/v1/embeddings', body: { model: 'wire-embedding', input: ['first', 'second'], dimensions: 8 } });
  });

  it('should stream server-sent deltas and their usage', async () => {
    server.respondWith(openAiReplies.stream(['Brew ', 'bold.'], { prompt_tokens: 9, completion_tokens: 2 }));
    const stream = sut.streamText({ prompt: 'A slogan' });
    const deltas: string[] = [];
    for await (const delta of stream) deltas.push(delta);
    expect(deltas).toEqual(['Brew ', 'bold.']);
    await expect(stream.result).resolves.toEqual({ text: 'Brew bold.', toolCalls: [], finishReason: 'stop', usage: { inputTokens: 9, outputTokens: 2 }, provider: 'openai.chat', model: 'wire-model' });
    // include_usage is what makes the final usage chunk arrive at all.
    expect(server.requests[0].body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
  });
});
