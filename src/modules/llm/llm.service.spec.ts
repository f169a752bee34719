import { Type } from 'class-transformer';
import { ArrayMaxSize, IsIn, IsInt, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { ValidationFailedError } from '../../common/errors/domain-errors';
import { loadConfig } from '../../config/app-config';
import { LanguageModels } from './language-models';
import { LlmError } from './llm-error';
import { LlmService } from './llm.service';
import { OFFLINE_MARKERS } from './offline/offline-markers';

class TaglineDto {
  @IsString()
  @MaxLength(60)
  text!: string;
}

class CampaignIdeaDto {
  @IsString()
  @MaxLength(80)
  headline!: string;

  @IsIn(['calm', 'bold'])
  tone!: 'calm' | 'bold';

  @IsInt()
  @Min(1)
  @Max(5)
  priority!: number;

  @ValidateNested({ each: true })
  @Type(() => TaglineDto)
  @ArrayMaxSize(3)
  taglines!: TaglineDto[];
}

/** A pattern the offline model does not honour (it fills strings with the prompt's words), so its answer fails validation. */
class BrandColourDto {
  @Matches(/^#[0-9a-f]{6}$/)
  colour!: string;
}

const offline = (timeoutMs = 60000) => new LanguageModels(loadConfig({ LLM_PROVIDER: 'offline', EMBEDDING_DIMENSIONS: '256', LLM_TIMEOUT_MS: String(timeoutMs) }));

describe(LlmService.name, () => {
  const sut = new LlmService(offline());

  it('should generate text with usage, provider and model', async () => {
    const result = await sut.generateText({ system: 'Be brief.', prompt: 'Name our new tea' });
    expect(result).toEqual({
      text: 'Offline answer to: Name our new tea (following: Be brief.)',
      toolCalls: [],
      finishReason: 'stop',
      usage: { inputTokens: expect.any(Number), outputTokens: expect.any(Number) },
      provider: 'offline',
      model: 'offline-template',
    });
    expect(result.usage.inputTokens).toBeGreaterThan(0);
  });

  it('should generate an object of the DTO, filled from the prompt and validated', async () => {
    const result = await sut.generateObject(CampaignIdeaDto, { prompt: 'autumn coffee campaign for students' });
    expect(result.object).toBeInstanceOf(CampaignIdeaDto);
    expect(['calm', 'bold']).toContain(result.object.tone);
    expect(result.object.taglines.length).toBeGreaterThanOrEqual(1);
    expect(result.object.taglines[0]).toBeInstanceOf(TaglineDto);
    expect(result.object.headline.split(' ').every((w) => 'autumn coffee campaign for students'.includes(w))).toBe(true);
  });

  it('should classify an answer that fails the DTO validation as INVALID_OUTPUT', async () => {
    const failure = await sut.generateObject(BrandColourDto, { prompt: 'a warm colour' }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(LlmError);
    expect(failure).toMatchObject({ category: 'INVALID_OUTPUT', retryable: false });
    expect((failure as LlmError).cause).toBeInstanceOf(ValidationFailedError);
  });

  it('should classify malformed JSON as INVALID_OUTPUT', async () => {
    const failure = await sut.generateObject(CampaignIdeaDto, { prompt: `ideas ${OFFLINE_MARKERS.malformed}` }).catch((e: unknown) => e);
    expect(failure).toMatchObject({ category: 'INVALID_OUTPUT', retryable: false });
  });

  it('should map the rate-limit marker to RATE_LIMITED with retryAfterMs', async () => {
    const failure = await sut.generateText({ prompt: OFFLINE_MARKERS.rateLimited }).catch((e: unknown) => e);
    expect(failure).toMatchObject({ category: 'RATE_LIMITED', retryable: true, details: { retryAfterMs: 7000, providerStatus: 429 } });
    expect((failure as LlmError).headers['Retry-After']).toBe('7');
  });

  it('should map the timeout marker to TIMEOUT once LLM_TIMEOUT_MS passes', async () => {
    const failure = await new LlmService(offline(100)).generateText({ prompt: OFFLINE_MARKERS.timeout }).catch((e: unknown) => e);
    expect(failure).toMatchObject({ category: 'TIMEOUT', retryable: true });
  });

  it('should map the caller aborting to CANCELLED, not TIMEOUT', async () => {
    const controller = new AbortController();
    const pending = sut.generateText({ prompt: OFFLINE_MARKERS.timeout, abortSignal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ category: 'CANCELLED', retryable: false });
  });

  it('should stream the same text as deltas and settle the result with usage', async () => {
    const stream = sut.streamText({ prompt: 'Name our new tea' });
    const deltas: string[] = [];
    for await (const delta of stream) deltas.push(delta);
    expect(deltas.length).toBeGreaterThan(1);
    const result = await stream.result;
    expect(deltas.join('')).toBe('Offline answer to: Name our new tea');
    expect(result).toMatchObject({ text: deltas.join(''), toolCalls: [], finishReason: 'stop', provider: 'offline', model: 'offline-template' });
    expect(result.usage.outputTokens).toBeGreaterThan(0);
  });

  it('should throw a classified failure from a stream', async () => {
    const stream = sut.streamText({ prompt: OFFLINE_MARKERS.unavailable });
    const failure = await (async () => {
      for await (const delta of stream) void delta;
    })().catch((e: unknown) => e);
    expect(failure).toMatchObject({ category: 'PROVIDER_UNAVAILABLE', retryable: true });
    await expect(stream.result).rejects.toBe(failure);
  });

  it('should embed in batches, deterministically, at EMBEDDING_DIMENSIONS', async () => {
    const values = Array.from({ length: 300 }, (_, i) => `brand voice note ${i}`);
    const result = await sut.embed(values);
    expect(result.embeddings).toHaveLength(300);
    expect(result.embeddings[0]).toHaveLength(256);
    expect(result.embeddings[299]).toEqual((await sut.embed([values[299]])).embeddings[0]);
    expect(result).toMatchObject({ provider: 'offline', model: 'offline-feature-hash' });
    expect(result.usage.inputTokens).toBeGreaterThan(300);
  });
});
