import type { ModelMessage } from 'ai';
import { loadConfig } from '../../config/app-config';
import { LanguageModels } from './language-models';
import { assistantTurn, toolResults } from './llm-messages';
import { acceptToolCalls } from './llm-tools';
import { LlmService } from './llm.service';
import type { LlmToolDefinition } from './llm.types';
import { OFFLINE_MARKERS } from './offline/offline-markers';

const tools: Record<string, LlmToolDefinition> = {
  lookup_brand: {
    description: 'The brand voice of a product line',
    inputSchema: { type: 'object', properties: { product: { type: 'string', maxLength: 30 } }, required: ['product'] },
  },
  count_stock: {
    description: 'Units in stock',
    inputSchema: { type: 'object', properties: { units: { type: 'integer', minimum: 1, maximum: 9 } }, required: ['units'] },
  },
};

describe(`${LlmService.name} with tools`, () => {
  const sut = new LlmService(new LanguageModels(loadConfig({ LLM_PROVIDER: 'offline' })));

  it('should hand back the calls of one model turn, checked, without executing them', async () => {
    const result = await sut.generateText({ prompt: 'Summer tea launch', tools });
    expect(result).toMatchObject({ text: '', finishReason: 'tool-calls', provider: 'offline' });
    expect(result.toolCalls).toEqual([
      { toolCallId: 'offline-call-1-1', toolName: 'lookup_brand', input: { product: expect.any(String) } },
      { toolCallId: 'offline-call-1-2', toolName: 'count_stock', input: { units: expect.any(Number) } },
    ]);
    expect(result.usage.outputTokens).toBeGreaterThan(0);
  });

  it('should loop: model turn, the caller executes, results appended, next turn answers from them', async () => {
    const conversation: ModelMessage[] = [{ role: 'user', content: 'Summer tea launch' }];
    const executed: string[] = [];
    for (let turn = 1; turn <= 3; turn += 1) {
      const result = await sut.generateText({ prompt: conversation, tools });
      if (result.toolCalls.length === 0) break;
      conversation.push(assistantTurn(result));
      conversation.push(toolResults(result.toolCalls.map((call) => ({ ...call, output: call.toolName === 'lookup_brand' ? { voice: 'warm' } : 'seven units' }))));
      executed.push(...result.toolCalls.map((call) => call.toolName));
    }
    expect(executed).toEqual(['lookup_brand', 'count_stock']);
    const answer = await sut.generateText({ prompt: conversation, tools });
    expect(answer).toMatchObject({ text: 'Offline answer to: Summer tea launch (using lookup_brand: {"voice":"warm"}; count_stock: seven units)', toolCalls: [], finishReason: 'stop' });
  });

  it('should answer with text under toolChoice none', async () => {
    await expect(sut.generateText({ prompt: 'Summer tea launch', tools, toolChoice: 'none' })).resolves.toMatchObject({ text: 'Offline answer to: Summer tea launch', toolCalls: [] });
  });

  it('should call only the tool a named toolChoice forces', async () => {
    const result = await sut.generateText({ prompt: 'Summer tea launch', tools, toolChoice: { toolName: 'count_stock' } });
    expect(result.toolCalls.map((call) => call.toolName)).toEqual(['count_stock']);
  });

  it('should settle a stream with the same calls and finish reason', async () => {
    const generated = await sut.generateText({ prompt: 'Summer tea launch', tools });
    const stream = sut.streamText({ prompt: 'Summer tea launch', tools });
    const deltas: string[] = [];
    for await (const delta of stream) deltas.push(delta);
    expect(deltas).toEqual([]);
    await expect(stream.result).resolves.toMatchObject({ toolCalls: generated.toolCalls, finishReason: 'tool-calls' });
  });

  it('should classify a call whose input is not JSON as INVALID_OUTPUT, in a call and in a stream', async () => {
    const prompt = `Summer tea launch ${OFFLINE_MARKERS.malformed}`;
    await expect(sut.generateText({ prompt, tools })).rejects.toMatchObject({ category: 'INVALID_OUTPUT', retryable: false });
    const stream = sut.streamText({ prompt, tools });
    await expect((async () => {
      for await (const delta of stream) void delta;
    })()).rejects.toMatchObject({ category: 'INVALID_OUTPUT' });
    await expect(stream.result).rejects.toMatchObject({ category: 'INVALID_OUTPUT' });
  });

  it('should refuse, before any call, a toolChoice naming a tool that is not offered', async () => {
    await expect(sut.generateText({ prompt: 'hi', tools, toolChoice: { toolName: 'send_email' } })).rejects.toMatchObject({ category: 'INVALID_REQUEST', retryable: false });
    await expect(sut.generateText({ prompt: 'hi', toolChoice: 'required' })).rejects.toMatchObject({ category: 'INVALID_REQUEST' });
  });

  it('should refuse a tool whose input schema is not an object schema', async () => {
    const listTool = { description: 'A list', inputSchema: { type: 'array' as const, items: { type: 'string' as const } } };
    expect(() => sut.streamText({ prompt: 'hi', tools: { list: listTool } })).toThrow(expect.objectContaining({ category: 'INVALID_REQUEST' }));
  });
});

describe(acceptToolCalls.name, () => {
  const where = { provider: 'wire', model: 'wire-model' };
  const request = { prompt: 'hi', tools };

  it('should keep a call to an offered tool with a JSON object input', () => {
    const call = { toolCallId: 'c1', toolName: 'count_stock', input: { units: 2 } };
    expect(acceptToolCalls([call], request, where)).toEqual([call]);
  });

  it.each([
    ['a tool that was not offered', { toolName: 'send_email', input: {} }],
    ['a call the AI SDK marked invalid', { toolName: 'count_stock', input: '{"units":', invalid: true }],
    ['an array input', { toolName: 'count_stock', input: [1, 2] }],
    ['a string input', { toolName: 'count_stock', input: 'two' }],
    ['a null input', { toolName: 'count_stock', input: null }],
  ])('should refuse %s as INVALID_OUTPUT', (_, call) => {
    expect(() => acceptToolCalls([{ toolCallId: 'c1', ...call }], request, where)).toThrow(expect.objectContaining({ category: 'INVALID_OUTPUT', retryable: false }));
  });

  it('should refuse any call when no tools were offered', () => {
    expect(() => acceptToolCalls([{ toolCallId: 'c1', toolName: 'count_stock', input: {} }], { prompt: 'hi' }, where)).toThrow(expect.objectContaining({ category: 'INVALID_OUTPUT' }));
  });
});
