import type { ModelMessage } from 'ai';
import type { FakeLlmServer } from '../../../../test/support/llm/fake-llm-server';
import { openAiReplies, startFakeOpenAiServer } from '../../../../test/support/llm/fake-openai-server';
import { wireLlmService } from '../../../../test/support/llm/wire-llm-service';
import { assistantTurn, toolResults } from '../llm-messages';
import { LlmService } from '../llm.service';
import type { LlmToolDefinition } from '../llm.types';

const tools: Record<string, LlmToolDefinition> = {
  lookup_brand: {
    description: 'The brand voice of a product line',
    inputSchema: { type: 'object', properties: { product: { type: 'string' } }, required: ['product'], additionalProperties: false },
  },
};

/** Tool calling on the Chat Completions wire: `tools` and `tool_choice` out, `tool_calls` back, results in the next request. */
describe(`${LlmService.name} with the openai provider and tools`, () => {
  let server: FakeLlmServer;
  let sut: LlmService;

  beforeAll(async () => {
    server = await startFakeOpenAiServer();
    sut = wireLlmService('openai', server.baseUrl);
  });

  afterAll(() => server.close());

  beforeEach(() => server.reset());

  it('should declare the tools as functions and return the calls with finish reason and usage', async () => {
    server.respondWith(openAiReplies.toolCalls([{ id: 'call_1', name: 'lookup_brand', arguments: { product: 'green tea' } }], { prompt_tokens: 40, completion_tokens: 9 }));
    const result = await sut.generateText({ prompt: 'A slogan for green tea', tools, toolChoice: 'required' });
    expect(result).toEqual({
      text: '',
      toolCalls: [{ toolCallId: 'call_1', toolName: 'lookup_brand', input: { product: 'green tea' } }],
      finishReason: 'tool-calls',
      usage: { inputTokens: 40, outputTokens: 9 },
      provider: 'openai.chat',
      model: 'wire-model',
    });
    expect(server.requests[0].body).toMatchObject({
      tools: [{ type: 'function', function: { name: 'lookup_brand', description: 'The brand voice of a product line', parameters: { type: 'object', required: ['product'] } } }],
      tool_choice: 'required',
    });
    expect(server.requests).toHaveLength(1);
  });

  it('should send a named toolChoice as that function', async () => {
    server.respondWith(openAiReplies.toolCalls([{ id: 'call_1', name: 'lookup_brand', arguments: { product: 'tea' } }]));
    await sut.generateText({ prompt: 'tea', tools, toolChoice: { toolName: 'lookup_brand' } });
    expect(server.requests[0].body.tool_choice).toEqual({ type: 'function', function: { name: 'lookup_brand' } });
  });

  it('should send the earlier call and its result in the next request, and return the answer', async () => {
    server.respondWith(openAiReplies.toolCalls([{ id: 'call_1', name: 'lookup_brand', arguments: { product: 'green tea' } }]), openAiReplies.text('Calm green tea.'));
    const conversation: ModelMessage[] = [{ role: 'user', content: 'A slogan for green tea' }];
    const first = await sut.generateText({ prompt: conversation, tools });
    conversation.push(assistantTurn(first), toolResults([{ ...first.toolCalls[0], output: { voice: 'calm' } }]));
    const second = await sut.generateText({ prompt: conversation, tools });
    expect(second).toMatchObject({ text: 'Calm green tea.', toolCalls: [], finishReason: 'stop' });
    expect(server.requests[1].body.messages).toEqual([
      { role: 'user', content: 'A slogan for green tea' },
      { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'lookup_brand', arguments: '{"product":"green tea"}' } }] },
      { role: 'tool', tool_call_id: 'call_1', content: '{"voice":"calm"}' },
    ]);
  });

  it('should gather streamed tool-call deltas into whole calls in the result', async () => {
    server.respondWith(
      openAiReplies.streamToolCalls(
        [
          { id: 'call_1', name: 'lookup_brand', arguments: { product: 'green tea' } },
          { id: 'call_2', name: 'lookup_brand', arguments: { product: 'black tea' } },
        ],
        { prompt_tokens: 30, completion_tokens: 14 },
      ),
    );
    const stream = sut.streamText({ prompt: 'Two slogans', tools });
    const deltas: string[] = [];
    for await (const delta of stream) deltas.push(delta);
    expect(deltas).toEqual([]);
    await expect(stream.result).resolves.toMatchObject({
      toolCalls: [
        { toolCallId: 'call_1', toolName: 'lookup_brand', input: { product: 'green tea' } },
        { toolCallId: 'call_2', toolName: 'lookup_brand', input: { product: 'black tea' } },
      ],
      finishReason: 'tool-calls',
      usage: { inputTokens: 30, outputTokens: 14 },
    });
  });

  it.each([
    ['a call to a tool that was not offered', { id: 'call_1', name: 'send_email', arguments: { to: 'all' } }],
    ['a call whose arguments are not JSON', { id: 'call_1', name: 'lookup_brand', arguments: '{"product": "gre' }],
    ['a call whose arguments are a JSON array', { id: 'call_1', name: 'lookup_brand', arguments: '["green tea"]' }],
    ['a call whose arguments are a JSON string', { id: 'call_1', name: 'lookup_brand', arguments: '"green tea"' }],
  ])('should classify %s as INVALID_OUTPUT', async (_, call) => {
    server.respondWith(openAiReplies.toolCalls([call]));
    await expect(sut.generateText({ prompt: 'tea', tools })).rejects.toMatchObject({ category: 'INVALID_OUTPUT', retryable: false });
  });

  it('should classify a streamed call to a tool that was not offered as INVALID_OUTPUT', async () => {
    server.respondWith(openAiReplies.streamToolCalls([{ id: 'call_1', name: 'send_email', arguments: { to: 'all' } }]));
    const stream = sut.streamText({ prompt: 'tea', tools });
    await expect((async () => {
      for await (const delta of stream) void delta;
    })()).rejects.toMatchObject({ category: 'INVALID_OUTPUT' });
    await expect(stream.result).rejects.toMatchObject({ category: 'INVALID_OUTPUT' });
  });

  it('should classify calls the model makes against toolChoice none as INVALID_OUTPUT', async () => {
    server.respondWith(openAiReplies.toolCalls([{ id: 'call_1', name: 'lookup_brand', arguments: { product: 'tea' } }]));
    await expect(sut.generateText({ prompt: 'tea', tools, toolChoice: 'none' })).rejects.toMatchObject({ category: 'INVALID_OUTPUT' });
    expect(server.requests[0].body.tool_choice).toBe('none');
  });
});
