import type { ModelMessage } from 'ai';
import type { FakeLlmServer } from '../../../../test/support/llm/fake-llm-server';
import { anthropicReplies, startFakeAnthropicServer } from '../../../../test/support/llm/fake-anthropic-server';
import { wireLlmService } from '../../../../test/support/llm/wire-llm-service';
import { LlmError } from '../llm-error';
import { assistantTurn, toolResults } from '../llm-messages';
import { LlmService } from '../llm.service';
import type { LlmToolDefinition } from '../llm.types';

const tools: Record<string, LlmToolDefinition> = {
  lookup_brand: {
    description: 'The brand voice of a product line',
    inputSchema: { type: 'object', properties: { product: { type: 'string' } }, required: ['product'] },
  },
};

const drain = async (stream: AsyncIterable<string>) => {
  const deltas: string[] = [];
  for await (const delta of stream) deltas.push(delta);
  return deltas;
};

/** The real Anthropic provider against a local server speaking the Messages API (POST /v1/messages). */
describe(`${LlmService.name} with the anthropic provider`, () => {
  let server: FakeLlmServer;
  let sut: LlmService;

  beforeAll(async () => {
    server = await startFakeAnthropicServer();
    sut = wireLlmService('anthropic', server.baseUrl);
  });

  afterAll(() => server.close());

  beforeEach(() => server.reset());

  it('should send a message with the key and version headers and return the text with its usage', async () => {
    server.respondWith(anthropicReplies.text('Steep something calm.', { input_tokens: 21, output_tokens: 7 }));
    const result = await sut.generateText({ system: 'Be brief.', prompt: 'A slogan for tea' });
    expect(result).toEqual({ text: 'Steep something calm.', toolCalls: [], finishReason: 'stop', usage: { inputTokens: 21, outputTokens: 7 }, provider: 'anthropic.messages', model: 'wire-model' });
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]).toMatchObject({
      path: '/v1/messages',
      headers: { 'x-api-key': 'sk-wire-test', 'anthropic-version': '2023-06-01' },
      body: { model: 'wire-model', system: [{ type: 'text', text: 'Be brief.' }], messages: [{ role: 'user', content: [{ type: 'text', text: 'A slogan for tea' }] }] },
    });
  });

  it('should declare tools with input_schema and return tool_use blocks as calls', async () => {
    server.respondWith(anthropicReplies.toolUse([{ id: 'toolu_1', name: 'lookup_brand', input: { product: 'green tea' } }], { text: 'Let me check.' }));
    const result = await sut.generateText({ prompt: 'A slogan for green tea', tools, toolChoice: 'required' });
    expect(result).toMatchObject({ text: 'Let me check.', toolCalls: [{ toolCallId: 'toolu_1', toolName: 'lookup_brand', input: { product: 'green tea' } }], finishReason: 'tool-calls' });
    expect(server.requests[0].body).toMatchObject({
      tools: [{ name: 'lookup_brand', description: 'The brand voice of a product line', input_schema: { type: 'object', required: ['product'] } }],
      tool_choice: { type: 'any' },
    });
  });

  it('should send the earlier tool_use and its tool_result in the next request', async () => {
    server.respondWith(anthropicReplies.toolUse([{ id: 'toolu_1', name: 'lookup_brand', input: { product: 'green tea' } }]), anthropicReplies.text('Calm green tea.'));
    const conversation: ModelMessage[] = [{ role: 'user', content: 'A slogan for green tea' }];
    const first = await sut.generateText({ prompt: conversation, tools });
    conversation.push(assistantTurn(first), toolResults([{ ...first.toolCalls[0], output: 'voice: calm' }]));
    await expect(sut.generateText({ prompt: conversation, tools })).resolves.toMatchObject({ text: 'Calm green tea.', finishReason: 'stop' });
    expect(server.requests[1].body.messages).toMatchObject([
      { role: 'user' },
      { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'lookup_brand', input: { product: 'green tea' } }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: 'voice: calm' }] },
    ]);
  });

  it('should classify a tool_use of a tool that was not offered as INVALID_OUTPUT', async () => {
    server.respondWith(anthropicReplies.toolUse([{ id: 'toolu_1', name: 'send_email', input: { to: 'all' } }]));
    await expect(sut.generateText({ prompt: 'tea', tools })).rejects.toMatchObject({ category: 'INVALID_OUTPUT', retryable: false });
  });

  it('should stream text deltas, with input tokens from message_start and output tokens from message_delta', async () => {
    server.respondWith(anthropicReplies.stream(['Steep ', 'calm.'], { input_tokens: 18, output_tokens: 4 }));
    const stream = sut.streamText({ prompt: 'A slogan' });
    expect(await drain(stream)).toEqual(['Steep ', 'calm.']);
    await expect(stream.result).resolves.toEqual({ text: 'Steep calm.', toolCalls: [], finishReason: 'stop', usage: { inputTokens: 18, outputTokens: 4 }, provider: 'anthropic.messages', model: 'wire-model' });
    expect(server.requests[0].body).toMatchObject({ stream: true });
  });

  it('should gather streamed input_json_delta pieces into whole calls', async () => {
    server.respondWith(anthropicReplies.streamToolUse([{ id: 'toolu_1', name: 'lookup_brand', input: { product: 'green tea' } }], { input_tokens: 30, output_tokens: 12 }));
    const stream = sut.streamText({ prompt: 'A slogan', tools });
    await drain(stream);
    await expect(stream.result).resolves.toMatchObject({
      toolCalls: [{ toolCallId: 'toolu_1', toolName: 'lookup_brand', input: { product: 'green tea' } }],
      finishReason: 'tool-calls',
      usage: { inputTokens: 30, outputTokens: 12 },
    });
  });

  it('should map a 429 with retry-after to RATE_LIMITED with retryAfterMs, in one request', async () => {
    server.respondWith(anthropicReplies.error(429, 'rate_limit_error', 'Number of request tokens has exceeded your rate limit', { 'retry-after': '20' }));
    const failure = await sut.generateText({ prompt: 'hello' }).catch((e: unknown) => e);
    expect(failure).toMatchObject({ category: 'RATE_LIMITED', retryable: true, details: { retryAfterMs: 20000, providerStatus: 429 } });
    expect((failure as LlmError).headers['Retry-After']).toBe('20');
    expect(server.requests).toHaveLength(1);
  });

  it('should map 529 overloaded to PROVIDER_UNAVAILABLE', async () => {
    server.respondWith(anthropicReplies.error(529, 'overloaded_error', 'Overloaded'));
    await expect(sut.generateText({ prompt: 'hello' })).rejects.toMatchObject({ category: 'PROVIDER_UNAVAILABLE', retryable: true, details: { providerStatus: 529 } });
  });

  it('should map an overloaded_error event opening a stream to PROVIDER_UNAVAILABLE', async () => {
    server.respondWith(anthropicReplies.streamError('overloaded_error', 'Overloaded'));
    const stream = sut.streamText({ prompt: 'hello' });
    await expect(drain(stream)).rejects.toMatchObject({ category: 'PROVIDER_UNAVAILABLE', retryable: true });
  });

  it('should map a 401 to AUTH', async () => {
    server.respondWith(anthropicReplies.error(401, 'authentication_error', 'invalid x-api-key'));
    await expect(sut.generateText({ prompt: 'hello' })).rejects.toMatchObject({ category: 'AUTH', retryable: false, details: { providerStatus: 401 } });
  });

  it('should classify a malformed JSON body as INVALID_OUTPUT', async () => {
    server.respondWith({ kind: 'json', status: 200, body: '{"type": "message", "content": [' });
    await expect(sut.generateText({ prompt: 'hello' })).rejects.toMatchObject({ category: 'INVALID_OUTPUT', retryable: false });
  });

  it('should embed offline, since Anthropic has no embeddings API', async () => {
    const result = await sut.embed(['green tea']);
    expect(result).toMatchObject({ provider: 'offline', model: 'offline-feature-hash' });
    expect(server.requests).toHaveLength(0);
  });
});
