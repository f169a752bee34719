import { PinoLogger } from 'nestjs-pino';
import { UnprocessableError } from '../../../common/errors/domain-errors';
import { BudgetExceededError } from '../../llm/usage/budget-exceeded.error';
import { MeteredLlm } from '../../llm/usage/metered-llm';
import { EmbeddingSpaces } from '../../llm/vectors/embedding-spaces';
import { BrandNotFoundError, BrandVoiceNotFoundError, NoDefaultVoiceError } from '../brand-errors';
import { type CandidateVoice, VoiceLookupRepository } from '../persistence/voice-lookup.repository';
import { strictMock, type StrictMock } from '../../../../test/support/strict-double';
import { VoiceEmbedder } from './voice-embedder';
import { VoiceScorer } from './voice-scorer';
import { VOICE_PASS_THRESHOLD } from './voice-rules';

const ORG = 'org-1';
const BRAND = 'brand-1';
const SPACE = { id: 'space-now', provider: 'offline', model: 'offline-feature-hash', dimensions: 3 };
const ON_VOICE = 'Fresh Northwind beans from the farm, roasted for you this week.';

function voice(overrides: Partial<CandidateVoice> = {}): CandidateVoice {
  return {
    id: 'voice-1',
    brandId: BRAND,
    brandName: 'Northwind',
    name: 'House',
    isDefault: true,
    tone: [],
    audience: null,
    doRules: [],
    dontRules: [],
    bannedWords: ['cheap'],
    requiredElements: ['Northwind'],
    minLength: 10,
    maxLength: 200,
    examples: ['first example', 'second example'],
    embedding: [1, 0, 0, 0, 0],
    embeddingSpaceId: SPACE.id,
    ...overrides,
  };
}

function embedAnswer(embeddings: number[][]) {
  return { embeddings, usage: { inputTokens: 17, outputTokens: 0 }, provider: 'offline', model: 'offline-feature-hash', costUsd: 0.0001 };
}

describe(VoiceScorer.name, () => {
  let voices: StrictMock<VoiceLookupRepository>;
  let llm: StrictMock<MeteredLlm>;
  let spaces: StrictMock<EmbeddingSpaces>;
  let logger: StrictMock<PinoLogger>;
  let sut: VoiceScorer;

  beforeEach(() => {
    voices = strictMock<VoiceLookupRepository>('VoiceLookupRepository', ['candidates', 'saveEmbedding']);
    llm = strictMock<MeteredLlm>('MeteredLlm', ['embed']);
    spaces = strictMock<EmbeddingSpaces>('EmbeddingSpaces', ['currentSpace']);
    logger = strictMock<PinoLogger>('PinoLogger', ['setContext', 'info', 'warn']);
    logger.setContext.mockImplementation(() => undefined);
    spaces.currentSpace.mockResolvedValue(SPACE);
    sut = new VoiceScorer(voices, new VoiceEmbedder(llm, spaces), logger);
  });

  describe('the voice it scores against', () => {
    it("should answer BrandNotFoundError for a brand that is not the organization's, before any model call", async () => {
      voices.candidates.mockResolvedValue(null);

      await expect(sut.score(ORG, { brandId: BRAND, text: ON_VOICE })).rejects.toThrow(BrandNotFoundError);

      expect(voices.candidates).toHaveBeenCalledWith(ORG, BRAND, undefined);
    });

    it("should answer BrandVoiceNotFoundError for a voiceId that is not the brand's", async () => {
      voices.candidates.mockResolvedValue([]);

      await expect(sut.score(ORG, { brandId: BRAND, text: ON_VOICE, voiceId: 'voice-9' })).rejects.toThrow(new BrandVoiceNotFoundError('voice-9'));

      expect(voices.candidates).toHaveBeenCalledWith(ORG, BRAND, 'voice-9');
    });

    it('should use the voice asked for, default or not', async () => {
      voices.candidates.mockResolvedValue([voice({ id: 'voice-2', isDefault: false })]);
      llm.embed.mockResolvedValue(embedAnswer([[1, 0, 0]]));

      await expect(sut.score(ORG, { brandId: BRAND, text: ON_VOICE, voiceId: 'voice-2' })).resolves.toMatchObject({ voiceId: 'voice-2', brandId: BRAND });
    });

    it('should fall back on the default voice', async () => {
      voices.candidates.mockResolvedValue([voice({ id: 'voice-default' }), voice({ id: 'voice-other', isDefault: false })]);
      llm.embed.mockResolvedValue(embedAnswer([[1, 0, 0]]));

      await expect(sut.score(ORG, { brandId: BRAND, text: ON_VOICE })).resolves.toMatchObject({ voiceId: 'voice-default' });
    });

    it('should fall back on the only voice when it is not the default', async () => {
      voices.candidates.mockResolvedValue([voice({ id: 'voice-only', isDefault: false })]);
      llm.embed.mockResolvedValue(embedAnswer([[1, 0, 0]]));

      await expect(sut.score(ORG, { brandId: BRAND, text: ON_VOICE })).resolves.toMatchObject({ voiceId: 'voice-only' });
    });

    it.each([
      ['no voice', [], 'none'],
      ['several voices and no default', [voice({ isDefault: false }), voice({ id: 'voice-2', isDefault: false })], 'several'],
    ] as const)('should refuse a brand with %s when no voiceId is given', async (_, candidates, count) => {
      voices.candidates.mockResolvedValue([...candidates]);

      await expect(sut.score(ORG, { brandId: BRAND, text: ON_VOICE })).rejects.toThrow(new NoDefaultVoiceError(BRAND, count));

      expect(llm.embed).not.toHaveBeenCalled();
    });
  });

  describe('embedding', () => {
    it('should embed only the text, on the organization budget with the caller signal, when the voice has an embedding in the current space', async () => {
      voices.candidates.mockResolvedValue([voice()]);
      llm.embed.mockResolvedValue(embedAnswer([[1, 0, 0]]));
      const signal = new AbortController().signal;

      await sut.score(ORG, { brandId: BRAND, text: ON_VOICE }, { signal });

      // Scored on request, not in a run: the usage ledger records the call.
      expect(llm.embed).toHaveBeenCalledWith({ organizationId: ORG, outsideRun: 'brand.score' }, [ON_VOICE], { abortSignal: signal });
    });

    it('should report what the embedding call used, as the step log records it', async () => {
      voices.candidates.mockResolvedValue([voice()]);
      llm.embed.mockResolvedValue(embedAnswer([[1, 0, 0]]));
      const onModelUsage = jest.fn();

      await sut.score(ORG, { brandId: BRAND, text: ON_VOICE }, { onModelUsage });

      expect(onModelUsage).toHaveBeenCalledWith({ provider: 'offline', model: 'offline-feature-hash', inputTokens: 17, outputTokens: 0, costUsd: 0.0001 });
      // In a run the step records it; the ledger must not count it a second time.
      expect(llm.embed).toHaveBeenCalledWith({ organizationId: ORG, outsideRun: undefined }, [ON_VOICE], { abortSignal: undefined });
    });

    it('should embed the text with the examples in one call and store their centroid when the voice has no embedding', async () => {
      const unembedded = voice({ embedding: null, embeddingSpaceId: null });
      voices.candidates.mockResolvedValue([unembedded]);
      llm.embed.mockResolvedValue(embedAnswer([[1, 0, 0], [1, 0, 0], [0, 1, 0]]));
      voices.saveEmbedding.mockResolvedValue(true);
      logger.info.mockImplementation(() => undefined);

      const result = await sut.score(ORG, { brandId: BRAND, text: ON_VOICE });

      expect(llm.embed).toHaveBeenCalledWith({ organizationId: ORG, outsideRun: 'brand.score' }, [ON_VOICE, 'first example', 'second example'], { abortSignal: undefined });
      const [[organizationId, stored, centroid, spaceId]] = voices.saveEmbedding.mock.calls;
      expect([organizationId, stored, spaceId]).toEqual([ORG, unembedded, SPACE.id]);
      expect(centroid[0]).toBeCloseTo(Math.SQRT1_2, 12);
      expect(centroid[1]).toBeCloseTo(Math.SQRT1_2, 12);
      expect(result.similarity).toBeCloseTo(0.7071, 4);
    });

    it('should embed the examples again when the stored embedding is of another space', async () => {
      voices.candidates.mockResolvedValue([voice({ embeddingSpaceId: 'space-old' })]);
      llm.embed.mockResolvedValue(embedAnswer([[0, 1, 0], [0, 1, 0], [0, 1, 0]]));
      voices.saveEmbedding.mockResolvedValue(true);
      logger.info.mockImplementation(() => undefined);

      const result = await sut.score(ORG, { brandId: BRAND, text: ON_VOICE });

      expect(llm.embed.mock.calls[0][1]).toHaveLength(3);
      expect(result.similarity).toBe(1);
    });

    it('should still score when the embedding cannot be stored, and say so in the log', async () => {
      voices.candidates.mockResolvedValue([voice({ embedding: null, embeddingSpaceId: null })]);
      llm.embed.mockResolvedValue(embedAnswer([[1, 0, 0], [1, 0, 0], [1, 0, 0]]));
      const failure = new Error('connection reset');
      voices.saveEmbedding.mockRejectedValue(failure);
      logger.warn.mockImplementation(() => undefined);

      await expect(sut.score(ORG, { brandId: BRAND, text: ON_VOICE })).resolves.toMatchObject({ similarity: 1 });

      expect(logger.warn).toHaveBeenCalledWith({ voiceId: 'voice-1', err: failure }, 'brand voice embedding not stored');
    });

    it('should let a budget refusal through and store nothing', async () => {
      voices.candidates.mockResolvedValue([voice({ embedding: null, embeddingSpaceId: null })]);
      llm.embed.mockRejectedValue(new BudgetExceededError({ budget: 10, used: 10, requested: 5, month: '2026-11' }));

      await expect(sut.score(ORG, { brandId: BRAND, text: ON_VOICE })).rejects.toThrow(BudgetExceededError);

      expect(voices.saveEmbedding).not.toHaveBeenCalled();
    });

    it('should refuse a voice with neither an embedding nor examples', async () => {
      voices.candidates.mockResolvedValue([voice({ embedding: null, embeddingSpaceId: null, examples: [] })]);

      await expect(sut.score(ORG, { brandId: BRAND, text: ON_VOICE })).rejects.toThrow(UnprocessableError);
    });
  });

  describe('the score', () => {
    it('should pass a text in the voice that breaks no rule, with the similarity as its one reason', async () => {
      voices.candidates.mockResolvedValue([voice()]);
      llm.embed.mockResolvedValue(embedAnswer([[1, 0, 0]]));

      const result = await sut.score(ORG, { brandId: BRAND, text: ON_VOICE });

      expect(result).toEqual({
        score: 1,
        similarity: 1,
        passed: true,
        reasons: [{ rule: 'similarity', message: "similarity to the voice's examples is 1.000 (voice match 1.00)" }],
        voiceId: 'voice-1',
        brandId: BRAND,
      });
    });

    it('should fail a text with nothing in common with the examples', async () => {
      voices.candidates.mockResolvedValue([voice()]);
      llm.embed.mockResolvedValue(embedAnswer([[0, 1, 0]]));

      const result = await sut.score(ORG, { brandId: BRAND, text: ON_VOICE });

      expect(result).toMatchObject({ score: 0.4, similarity: 0, passed: false });
    });

    it('should fail a text in the voice that uses a banned word, and name the word', async () => {
      voices.candidates.mockResolvedValue([voice()]);
      llm.embed.mockResolvedValue(embedAnswer([[1, 0, 0]]));

      const result = await sut.score(ORG, { brandId: BRAND, text: 'Cheap Northwind beans, roasted this week.' });

      expect(result.score).toBe(0.6);
      expect(result.passed).toBe(false);
      expect(result.reasons).toContainEqual({ rule: 'banned_words', message: 'uses banned words: "cheap"' });
    });

    it(`should pass exactly at the threshold (${VOICE_PASS_THRESHOLD})`, async () => {
      // A voice match of 0.5 (similarity halfway between floor and ceiling) and perfect rules: 0.6 × 0.5 + 0.4 = 0.7.
      voices.candidates.mockResolvedValue([voice({ embedding: [1, 0, 0] })]);
      const similarity = 0.3;
      llm.embed.mockResolvedValue(embedAnswer([[similarity, Math.sqrt(1 - similarity ** 2), 0]]));

      await expect(sut.score(ORG, { brandId: BRAND, text: ON_VOICE })).resolves.toMatchObject({ score: 0.7, passed: true });
    });
  });
});
