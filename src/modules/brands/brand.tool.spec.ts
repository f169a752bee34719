import { ValidationFailedError } from '../../common/errors/domain-errors';
import type { ModelUsage, ToolCallContext } from '../tools/tool.types';
import { strictMock, type StrictMock } from '../../../test/support/strict-double';
import { BrandTool } from './brand.tool';
import { VoiceScorer, type VoiceScore } from './scoring/voice-scorer';

const BRAND_ID = '3f1c8a52-7a0e-4d7b-9a51-0c2f4e6b8d10';
const VOICE_ID = '9b2e4c61-1d3f-4a8e-8c07-5e6f7a8b9c01';
const USAGE: ModelUsage = { provider: 'offline', model: 'offline-feature-hash', inputTokens: 9, outputTokens: 0, costUsd: null };
const SCORE: VoiceScore = { score: 0.9, similarity: 0.45, passed: true, reasons: [], voiceId: VOICE_ID, brandId: BRAND_ID };

describe(BrandTool.name, () => {
  let scorer: StrictMock<VoiceScorer>;
  let reported: ModelUsage[];
  let context: ToolCallContext;
  let sut: BrandTool;

  beforeEach(() => {
    scorer = strictMock<VoiceScorer>('VoiceScorer', ['score']);
    reported = [];
    context = {
      organizationId: 'org-1',
      runId: 'run-1',
      step: 1,
      idempotencyKey: 'run-1:1',
      signal: new AbortController().signal,
      reportModelUsage: (usage) => reported.push(usage),
    };
    sut = new BrandTool(scorer);
  });

  it('should be the brand tool with a score_voice action', () => {
    expect(sut.name).toBe('brand');
    expect(Object.keys(sut.actions)).toEqual(['score_voice']);
  });

  it("should score for the run's organization with the run's signal, and report the model usage to the step", async () => {
    scorer.score.mockImplementation(async (_org, _request, options) => {
      options?.onModelUsage?.(USAGE);
      return SCORE;
    });

    await expect(sut.actions.score_voice.execute({ brandId: BRAND_ID, text: 'hello', voiceId: VOICE_ID }, context)).resolves.toBe(SCORE);

    expect(scorer.score).toHaveBeenCalledWith('org-1', { brandId: BRAND_ID, text: 'hello', voiceId: VOICE_ID }, expect.objectContaining({ signal: context.signal }));
    expect(reported).toEqual([USAGE]);
  });

  it('should leave voiceId out when the input has none, so the scorer picks the default', async () => {
    scorer.score.mockResolvedValue(SCORE);

    await sut.actions.score_voice.execute({ brandId: BRAND_ID, text: 'hello' }, context);

    expect(scorer.score.mock.calls[0][1]).toEqual({ brandId: BRAND_ID, text: 'hello' });
  });

  it.each([
    ['no brandId', { text: 'hello' }, 'input.brandId'],
    ['a brandId that is not a UUID', { brandId: 'brand-1', text: 'hello' }, 'input.brandId'],
    ['an empty text', { brandId: BRAND_ID, text: '' }, 'input.text'],
    ['a text over 20,000 characters', { brandId: BRAND_ID, text: 'x'.repeat(20_001) }, 'input.text'],
    ['a voiceId that is not a UUID', { brandId: BRAND_ID, text: 'hello', voiceId: 'default' }, 'input.voiceId'],
    ['an unknown field', { brandId: BRAND_ID, text: 'hello', tone: 'warm' }, 'input.tone'],
  ])('should refuse input with %s, naming the field, before scoring', async (_, input, field) => {
    const failure = sut.actions.score_voice.execute(input, context);

    await expect(failure).rejects.toThrow(ValidationFailedError);
    await expect(failure).rejects.toMatchObject({ fields: expect.arrayContaining([field]) });
    expect(scorer.score).not.toHaveBeenCalled();
  });
});
