import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { IsIn, IsString } from 'class-validator';
import { loadConfig } from '../../config/app-config';
import { LanguageModels } from './language-models';
import { LlmService } from './llm.service';

class SloganDto {
  @IsString()
  slogan!: string;

  @IsIn(['calm', 'bold'])
  tone!: 'calm' | 'bold';
}

type Reply = (request: { url: string; body: Record<string, unknown> }, response: ServerResponse) => void;

const json = (response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(typeof body === 'string' ? body : JSON.stringify(body));
};

const completion = (content: string) => ({
  id: 'chatcmpl-1',
  object: 'chat.completion',
  created: 1767225600,
  model: 'wire-model',
  choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 12, completion_tokens: 5, total_tokens: 17 },
});

const chunk = (delta: Record<string, unknown>, finishReason: string | null = null, usage?: Record<string, number>) =>
  `data: ${JSON.stringify({ id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1767225600, model: 'wire-model', choices: [{ index: 0, delta, finish_reason: finishReason }], ...(usage ? { usage } : {}) })}\n\n`;

/**
 * The real OpenAI provider against a local server speaking the Chat Completions and Embeddings
 * wire format: the request LlmService sends and the classification of what comes back.
 */
describe(`${LlmService.name} with the openai provider`, () => {
  let server: Server;
  let reply: Reply;
  const requests: { url: string; body: Record<string, unknown>; authorization?: string }[] = [];
  let sut: LlmService;

  beforeAll(async () => {
    server = createServer((request: IncomingMessage, response: ServerResponse) => {
      let raw = '';
      request.on('data', (data: Buffer) => (raw += data.toString('utf8')));
      request.on('end', () => {
        const body = JSON.parse(raw || '{}') as Record<string, unknown>;
        requests.push({ url: request.url ?? '', body, authorization: request.headers.authorization });
        reply({ url: request.url ?? '', body }, response);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const config = loadConfig({
      LLM_PROVIDER: 'openai',
      LLM_API_KEY: 'sk-wire-test',
      LLM_MODEL: 'wire-model',
      EMBEDDING_MODEL: 'wire-embedding',
      EMBEDDING_DIMENSIONS: '8',
      LLM_BASE_URL: `http://127.0.0.1:${port}/v1`,
    });
    sut = new LlmService(new LanguageModels(config));
  });

  afterAll(async () => {
    await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  });

  beforeEach(() => {
    requests.length = 0;
  });

  it('should send a chat completion and return the answer with its usage figures', async () => {
    reply = (_, response) => json(response, 200, completion('Brew something bold.'));
    const result = await sut.generateText({ system: 'Be brief.', prompt: 'A slogan for tea' });
    expect(result).toEqual({ text: 'Brew something bold.', toolCalls: [], finishReason: 'stop', usage: { inputTokens: 12, outputTokens: 5 }, provider: 'openai.chat', model: 'wire-model' });
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({
      url: '/v1/chat/completions',
      authorization: 'Bearer sk-wire-test',
      body: { model: 'wire-model', messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'A slogan for tea' }] },
    });
  });

  it('should ask for the DTO JSON schema and return the validated object', async () => {
    reply = (_, response) => json(response, 200, completion(JSON.stringify({ slogan: 'Steep bold', tone: 'bold' })));
    const result = await sut.generateObject(SloganDto, { prompt: 'A slogan for tea' });
    expect(result.object).toBeInstanceOf(SloganDto);
    expect(result.object).toEqual({ slogan: 'Steep bold', tone: 'bold' });
    const format = requests[0].body.response_format as { type: string; json_schema: { name: string; schema: Record<string, unknown> } };
    expect(format.type).toBe('json_schema');
    expect(format.json_schema.name).toBe('SloganDto');
    expect(format.json_schema.schema).toMatchObject({ type: 'object', properties: { slogan: { type: 'string' }, tone: { enum: ['calm', 'bold'] } } });
  });

  it('should classify an object that fails the DTO rules as INVALID_OUTPUT', async () => {
    reply = (_, response) => json(response, 200, completion(JSON.stringify({ slogan: 'Steep', tone: 'loud' })));
    await expect(sut.generateObject(SloganDto, { prompt: 'A slogan' })).rejects.toMatchObject({ category: 'INVALID_OUTPUT', retryable: false });
  });

  it('should embed through the embeddings endpoint at EMBEDDING_DIMENSIONS', async () => {
    reply = ({ body }, response) =>
      json(response, 200, {
        object: 'list',
        data: (body.input as string[]).map((_, index) => ({ object: 'embedding', index, embedding: new Array(8).fill(index / 2) })),
        model: 'wire-embedding',
        usage: { prompt_tokens: 6, total_tokens: 6 },
      });
    const result = await sut.embed(['first', 'second']);
    expect(result).toEqual({ embeddings: [new Array(8).fill(0), new Array(8).fill(0.5)], usage: { inputTokens: 6, outputTokens: 0 }, provider: 'openai.embedding', model: 'wire-embedding' });
    expect(requests[0]).toMatchObject({ url: '/v1/embeddings', body: { model: 'wire-embedding', input: ['first', 'second'], dimensions: 8 } });
  });

  it('should map a 429 with Retry-After to RATE_LIMITED with retryAfterMs, without retrying by itself', async () => {
    reply = (_, response) => json(response, 429, { error: { message: 'Rate limit reached', type: 'rate_limit_exceeded' } }, { 'retry-after': '3' });
    await expect(sut.generateText({ prompt: 'hello' })).rejects.toMatchObject({ category: 'RATE_LIMITED', retryable: true, details: { retryAfterMs: 3000, providerStatus: 429 } });
    expect(requests).toHaveLength(1);
  });

  it('should map a 500 to PROVIDER_UNAVAILABLE', async () => {
    reply = (_, response) => json(response, 500, { error: { message: 'The server had an error', type: 'server_error' } });
    await expect(sut.generateText({ prompt: 'hello' })).rejects.toMatchObject({ category: 'PROVIDER_UNAVAILABLE', retryable: true, details: { providerStatus: 500 } });
  });

  it('should map a 401 to AUTH, which no retry fixes', async () => {
    reply = (_, response) => json(response, 401, { error: { message: 'Incorrect API key provided', type: 'invalid_request_error' } });
    await expect(sut.generateText({ prompt: 'hello' })).rejects.toMatchObject({ category: 'AUTH', retryable: false });
  });

  it('should classify a malformed body as INVALID_OUTPUT', async () => {
    reply = (_, response) => json(response, 200, '{"id": "chatcmpl-1", "choices": [');
    await expect(sut.generateText({ prompt: 'hello' })).rejects.toMatchObject({ category: 'INVALID_OUTPUT', retryable: false });
  });

  it('should stream server-sent deltas and their usage', async () => {
    reply = (_, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write(chunk({ role: 'assistant', content: 'Brew ' }));
      response.write(chunk({ content: 'bold.' }));
      response.write(chunk({}, 'stop'));
      response.end(`${chunk({}, null, { prompt_tokens: 9, completion_tokens: 2, total_tokens: 11 }).replace('"choices":[{"index":0,"delta":{},"finish_reason":null}]', '"choices":[]')}data: [DONE]\n\n`);
    };
    const stream = sut.streamText({ prompt: 'A slogan' });
    const deltas: string[] = [];
    for await (const delta of stream) deltas.push(delta);
    expect(deltas).toEqual(['Brew ', 'bold.']);
    await expect(stream.result).resolves.toEqual({ text: 'Brew bold.', toolCalls: [], finishReason: 'stop', usage: { inputTokens: 9, outputTokens: 2 }, provider: 'openai.chat', model: 'wire-model' });
    expect(requests[0].body).toMatchObject({ stream: true });
  });
});
