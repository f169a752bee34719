import type { FakeLlmServer } from '../../../../test/support/llm/fake-llm-server';
import { openAiReplies, startFakeOpenAiServer } from '../../../../test/support/llm/fake-openai-server';
import { wireLlmService } from '../../../../test/support/llm/wire-llm-service';
import { LlmError } from '../llm-error';
import { LlmService } from '../llm.service';

const drain = async (stream: AsyncIterable<string>) => {
  for await (const delta of stream) void delta;
};

/**
 * Each way an OpenAI-style server fails, over real HTTP, lands in one LlmError category, and only
 * once: maxRetries 0 means one request per call whatever the failure.
 */
describe(`${LlmService.name} with a failing openai provider`, () => {
  let server: FakeLlmServer;
  let sut: LlmService;
  /** LLM_TIMEOUT_MS at its floor, for the server that never answers. */
  let impatient: LlmService;

  beforeAll(async () => {
    server = await startFakeOpenAiServer();
    sut = wireLlmService('openai', server.baseUrl);
    impatient = wireLlmService('openai', server.baseUrl, { LLM_TIMEOUT_MS: '100' });
  });

  afterAll(() => server.close());

  beforeEach(() => server.reset());

  afterEach(() => expect(server.requests.length).toBeLessThanOrEqual(1));

  it('should map a 429 with Retry-After in seconds to RATE_LIMITED with retryAfterMs', async () => {
    server.respondWith(openAiReplies.error(429, 'Rate limit reached', { type: 'rate_limit_exceeded', headers: { 'retry-after': '3' } }));
    const failure = await sut.generateText({ prompt: 'hello' }).catch((e: unknown) => e);
    expect(failure).toMatchObject({ category: 'RATE_LIMITED', retryable: true, details: { retryAfterMs: 3000, providerStatus: 429 } });
    expect((failure as LlmError).headers['Retry-After']).toBe('3');
    expect(server.requests).toHaveLength(1);
  });

  it('should prefer OpenAI retry-after-ms when both headers are sent', async () => {
    server.respondWith(openAiReplies.error(429, 'Rate limit reached', { type: 'rate_limit_exceeded', headers: { 'retry-after': '2', 'retry-after-ms': '1500' } }));
    await expect(sut.generateText({ prompt: 'hello' })).rejects.toMatchObject({ category: 'RATE_LIMITED', details: { retryAfterMs: 1500 } });
  });

  it('should map a 500 to PROVIDER_UNAVAILABLE', async () => {
    server.respondWith(openAiReplies.error(500, 'The server had an error'));
    await expect(sut.generateText({ prompt: 'hello' })).rejects.toMatchObject({ category: 'PROVIDER_UNAVAILABLE', retryable: true, details: { providerStatus: 500 } });
  });

  it('should map a 401 to AUTH, which no retry fixes', async () => {
    server.respondWith(openAiReplies.error(401, 'Incorrect API key provided', { type: 'invalid_request_error' }));
    await expect(sut.generateText({ prompt: 'hello' })).rejects.toMatchObject({ category: 'AUTH', retryable: false });
  });

  it('should map a 400 to INVALID_REQUEST', async () => {
    server.respondWith(openAiReplies.error(400, 'maximum context length exceeded', { type: 'invalid_request_error' }));
    await expect(sut.generateText({ prompt: 'hello' })).rejects.toMatchObject({ category: 'INVALID_REQUEST', retryable: false, details: { providerStatus: 400 } });
  });

  it('should classify a malformed body as INVALID_OUTPUT', async () => {
    server.respondWith({ kind: 'json', status: 200, body: '{"id": "chatcmpl-1", "choices": [' });
    await expect(sut.generateText({ prompt: 'hello' })).rejects.toMatchObject({ category: 'INVALID_OUTPUT', retryable: false });
  });

  it('should map a server that never answers to TIMEOUT once LLM_TIMEOUT_MS passes', async () => {
    server.respondWith({ kind: 'hang' });
    await expect(impatient.generateText({ prompt: 'hello' })).rejects.toMatchObject({ category: 'TIMEOUT', retryable: true });
  });

  it('should map a stream that never starts to TIMEOUT as well', async () => {
    server.respondWith({ kind: 'hang' });
    const stream = impatient.streamText({ prompt: 'hello' });
    await expect(drain(stream)).rejects.toMatchObject({ category: 'TIMEOUT' });
    await expect(stream.result).rejects.toMatchObject({ category: 'TIMEOUT' });
  });

  it('should map the caller aborting a pending call to CANCELLED, not TIMEOUT', async () => {
    server.respondWith({ kind: 'hang' });
    const controller = new AbortController();
    const pending = sut.generateText({ prompt: 'hello', abortSignal: controller.signal });
    await server.waitForRequests(1);
    controller.abort();
    await expect(pending).rejects.toMatchObject({ category: 'CANCELLED', retryable: false });
  });

  it('should map a connection reset to PROVIDER_UNAVAILABLE, without a provider status', async () => {
    server.respondWith({ kind: 'reset' });
    const failure = await sut.generateText({ prompt: 'hello' }).catch((e: unknown) => e);
    expect(failure).toMatchObject({ category: 'PROVIDER_UNAVAILABLE', retryable: true });
    expect((failure as LlmError).details.providerStatus).toBeUndefined();
  });

  it('should map a connection reset of an embeddings call to PROVIDER_UNAVAILABLE', async () => {
    server.respondWith({ kind: 'reset' });
    await expect(sut.embed(['first'])).rejects.toMatchObject({ category: 'PROVIDER_UNAVAILABLE' });
  });

  it.each([
    ['server_error', 'PROVIDER_UNAVAILABLE'],
    ['rate_limit_exceeded', 'RATE_LIMITED'],
  ])('should map an error event of type %s after the first deltas to %s', async (type, category) => {
    server.respondWith(openAiReplies.streamError(['Brew '], type, 'stream failed'));
    const stream = sut.streamText({ prompt: 'A slogan' });
    await expect(drain(stream)).rejects.toMatchObject({ category });
    await expect(stream.result).rejects.toMatchObject({ category });
  });
});
