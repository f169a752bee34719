import type { LanguageModelV3CallOptions, LanguageModelV3StreamPart } from '@ai-sdk/provider';
import { APICallError } from '@ai-sdk/provider';
import { countTokens } from 'gpt-tokenizer';
import { MALFORMED_OUTPUT, OFFLINE_MARKERS } from './offline-markers';
import { OfflineLanguageModel } from './offline-language-model';

const call = (text: string, extra: Partial<LanguageModelV3CallOptions> = {}): LanguageModelV3CallOptions => ({
  prompt: [
    { role: 'system', content: 'Be brief.' },
    { role: 'user', content: [{ type: 'text', text }] },
  ],
  ...extra,
});

describe(OfflineLanguageModel.name, () => {
  const sut = new OfflineLanguageModel('offline-template');

  it('should answer from a template over the last user message and the system text, with tokenizer counts', async () => {
    const result = await sut.doGenerate(call('Name our new tea'));
    const text = result.content[0].type === 'text' ? result.content[0].text : '';
    expect(text).toBe('Offline answer to: Name our new tea (following: Be brief.)');
    expect(result.usage.inputTokens.total).toBe(countTokens('Be brief.\nName our new tea'));
    expect(result.usage.outputTokens.total).toBe(countTokens(text));
  });

  it('should stream deltas that make up the same text', async () => {
    const generated = await sut.doGenerate(call('Name our new tea'));
    const { stream } = await sut.doStream(call('Name our new tea'));
    const parts: LanguageModelV3StreamPart[] = [];
    for await (const part of stream) parts.push(part);
    const deltas = parts.flatMap((p) => (p.type === 'text-delta' ? [p.delta] : []));
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.join('')).toBe(generated.content[0].type === 'text' ? generated.content[0].text : undefined);
    expect(parts.at(-1)?.type).toBe('finish');
  });

  it('should fail as a 429 with retry-after on the rate-limit marker', async () => {
    const failure = await sut.doGenerate(call(`hello ${OFFLINE_MARKERS.rateLimited}`)).catch((e: unknown) => e);
    expect(APICallError.isInstance(failure) && failure.statusCode).toBe(429);
    expect(APICallError.isInstance(failure) && failure.responseHeaders).toEqual({ 'retry-after': '7' });
  });

  it('should wait for the abort signal on the timeout marker and fail with its reason', async () => {
    const controller = new AbortController();
    const pending = sut.doGenerate(call(OFFLINE_MARKERS.timeout, { abortSignal: controller.signal }));
    const reason = new Error('stop');
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
  });

  it('should answer malformed JSON on the malformed marker', async () => {
    const result = await sut.doGenerate(call(OFFLINE_MARKERS.malformed, { responseFormat: { type: 'json', schema: { type: 'object' } } }));
    expect(result.content[0]).toEqual({ type: 'text', text: MALFORMED_OUTPUT });
  });
});
