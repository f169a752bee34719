import type { LanguageModelV3CallOptions, LanguageModelV3FunctionTool, LanguageModelV3Message, LanguageModelV3StreamPart, LanguageModelV3ToolChoice } from '@ai-sdk/provider';
import { MALFORMED_OUTPUT, OFFLINE_MARKERS } from './offline-markers';
import { OfflineLanguageModel } from './offline-language-model';

const lookupBrand: LanguageModelV3FunctionTool = {
  type: 'function',
  name: 'lookup_brand',
  description: 'The brand voice of a product line',
  inputSchema: { type: 'object', properties: { product: { type: 'string', maxLength: 30 } }, required: ['product'] },
};
const countStock: LanguageModelV3FunctionTool = {
  type: 'function',
  name: 'count_stock',
  description: 'Units in stock',
  inputSchema: { type: 'object', properties: { units: { type: 'integer', minimum: 1, maximum: 9 } }, required: ['units'] },
};

const ask = (text: string): LanguageModelV3Message => ({ role: 'user', content: [{ type: 'text', text }] });
/** One earlier turn: the assistant's call and the caller's result for it. */
const answered = (toolCallId: string, toolName: string, value: unknown): LanguageModelV3Message[] => [
  { role: 'assistant', content: [{ type: 'tool-call', toolCallId, toolName, input: {} }] },
  { role: 'tool', content: [{ type: 'tool-result', toolCallId, toolName, output: { type: 'json', value: value as never } }] },
];

const call = (prompt: LanguageModelV3Message[], toolChoice?: LanguageModelV3ToolChoice): LanguageModelV3CallOptions => ({
  prompt,
  tools: [lookupBrand, countStock],
  ...(toolChoice ? { toolChoice } : {}),
});

describe(`${OfflineLanguageModel.name} with tools`, () => {
  const sut = new OfflineLanguageModel('offline-template');

  it('should call each offered tool once, with numbered ids and inputs filled from the prompt', async () => {
    const result = await sut.doGenerate(call([ask('Summer tea launch')]));
    expect(result.finishReason).toEqual({ unified: 'tool-calls', raw: 'tool_calls' });
    expect(result.content.map((part) => (part.type === 'tool-call' ? [part.toolCallId, part.toolName] : part.type))).toEqual([
      ['offline-call-1-1', 'lookup_brand'],
      ['offline-call-1-2', 'count_stock'],
    ]);
    const inputs = result.content.map((part) => (part.type === 'tool-call' ? (JSON.parse(part.input) as Record<string, unknown>) : {}));
    expect((inputs[0].product as string).split(' ').every((word) => ['summer', 'tea', 'launch'].includes(word))).toBe(true);
    expect(inputs[1].units).toBeGreaterThanOrEqual(1);
    expect(inputs[1].units).toBeLessThanOrEqual(9);
    expect(await sut.doGenerate(call([ask('Summer tea launch')]))).toEqual(result);
    expect(result.usage.outputTokens.total).toBeGreaterThan(0);
  });

  it('should call only the tools that have no result yet, numbering ids by turn', async () => {
    const result = await sut.doGenerate(call([ask('Summer tea launch'), ...answered('offline-call-1-1', 'lookup_brand', { voice: 'warm' })]));
    expect(result.content).toEqual([{ type: 'tool-call', toolCallId: 'offline-call-2-1', toolName: 'count_stock', input: expect.any(String) }]);
  });

  it('should answer with text made of the tool results once every offered tool has one', async () => {
    const prompt = [ask('Summer tea launch'), ...answered('offline-call-1-1', 'lookup_brand', { voice: 'warm' }), ...answered('offline-call-1-2', 'count_stock', 12)];
    const result = await sut.doGenerate(call(prompt));
    expect(result.finishReason.unified).toBe('stop');
    expect(result.content).toEqual([{ type: 'text', text: 'Offline answer to: Summer tea launch (using lookup_brand: {"voice":"warm"}; count_stock: 12)' }]);
  });

  it('should answer with text under toolChoice none', async () => {
    const result = await sut.doGenerate(call([ask('Summer tea launch')], { type: 'none' }));
    expect(result.content).toEqual([{ type: 'text', text: 'Offline answer to: Summer tea launch' }]);
  });

  it('should call only the named tool, and call it again when forced after it answered', async () => {
    const first = await sut.doGenerate(call([ask('Summer tea launch')], { type: 'tool', toolName: 'count_stock' }));
    expect(first.content.map((part) => part.type === 'tool-call' && part.toolName)).toEqual(['count_stock']);
    const again = await sut.doGenerate(call([ask('Summer tea launch'), ...answered('offline-call-1-1', 'count_stock', 3)], { type: 'tool', toolName: 'count_stock' }));
    expect(again.content).toEqual([{ type: 'tool-call', toolCallId: 'offline-call-2-1', toolName: 'count_stock', input: expect.any(String) }]);
  });

  it('should stream each call as input deltas, then the call, then finish with tool-calls', async () => {
    const generated = await sut.doGenerate(call([ask('Summer tea launch')]));
    const { stream } = await sut.doStream(call([ask('Summer tea launch')]));
    const parts: LanguageModelV3StreamPart[] = [];
    for await (const part of stream) parts.push(part);
    expect(parts.map((part) => part.type)).toEqual([
      'stream-start',
      'response-metadata',
      ...['tool-input-start', 'tool-input-delta', 'tool-input-end', 'tool-call'],
      ...['tool-input-start', 'tool-input-delta', 'tool-input-end', 'tool-call'],
      'finish',
    ]);
    expect(parts.filter((part) => part.type === 'tool-call')).toEqual(generated.content);
    expect(parts.at(-1)).toMatchObject({ type: 'finish', finishReason: { unified: 'tool-calls' } });
  });

  it('should give each call unparseable input on the malformed marker', async () => {
    const result = await sut.doGenerate(call([ask(`launch ${OFFLINE_MARKERS.malformed}`)]));
    expect(result.content.map((part) => part.type === 'tool-call' && part.input)).toEqual([MALFORMED_OUTPUT, MALFORMED_OUTPUT]);
  });
});
