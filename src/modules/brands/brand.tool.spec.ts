import { ValidationFailedError } from '../../common/errors/domain-errors';
import { dtoJsonSchema } from '../../common/validation/dto-json-schema';
import type { ModelUsage, ToolCallContext } from '../tools/tool.types';
import { strictMock, type StrictMock } from '../../../test/support/strict-double';
import { BrandTool } from './brand.tool';
import { VoiceScorer, type VoiceScore } from './scoring/voice-scorer';
import { type VoiceGuide, VoiceGuides } from './voice-guides';

const BRAND_ID = '3f1c8a52-7a0e-4d7b-9a51-0c2f4e6b8d10';
const VOICE_ID = '9b2e4c61-1d3f-4a8e-8c07-5e6f7a8b9c01';
const USAGE: ModelUsage = { provider: 'offline', model: 'offline-feature-hash', inputTokens: 9, outputTokens: 0, costUsd: null };
const SCORE: VoiceScore = { score: 0.9, similarity: 0.45, passed: true, reasons: [], voiceId: VOICE_ID, brandId: BRAND_ID };
const GUIDE: VoiceGuide = {
  brandId: BRAND_ID,
  brandName: 'Northwind Coffee',
  voiceId: VOICE_ID,
  voiceName: 'House voice',
  tone: ['warm'],
  audience: null,
  doRules: [],
  dontRules: [],
  bannedWords: ['cheap'],
  requiredElements: [],
  minLength: null,
  maxLength: null,
  examples: ['An example.'],
};

describe(BrandTool.name, () => {
  let scorer: StrictMock<VoiceScorer>;
  let guides: StrictMock<VoiceGuides>;
  let reported: ModelUsage[];
  let context: ToolCallContext;
  let sut: BrandTool;

  beforeEach(() => {
    scorer = strictMock<VoiceScorer>('VoiceScorer', ['score']);
    guides = strictMock<VoiceGuides>('VoiceGuides', ['guide']);
    reported = [];
    context = {
      organizationId: 'org-1',
      runId: 'run-1',
      agent: 'writer',
      step: 1,
      idempotencyKey: 'run-1:1',
      signal: new AbortController().signal,
      reportModelUsage: (usage) => reported.push(usage),
    };
    sut = new BrandTool(scorer, guides);
  });

  it('should be the brand tool with voice and score_voice actions, each declaring the input a model is shown', () => {
    expect(sut.name).toBe('brand');
    expect(Object.keys(sut.actions)).toEqual(['voice', 'score_voice']);
    expect(dtoJsonSchema(sut.actions.score_voice.input!)).toMatchObject({ type: 'object', required: expect.arrayContaining(['brandId', 'text']) });
    expect(dtoJsonSchema(sut.actions.voice.input!)).toMatchObject({ type: 'object', required: ['brandId'] });
  });

  it("should give the voice guide of the run's organization, of the voice named or the default", async () => {
    guides.guide.mockResolvedValue(GUIDE);

    await expect(sut.actions.voice.execute({ brandId: BRAND_ID }, context)).resolves.toBe(GUIDE);
    await sut.actions.voice.execute({ brandId: BRAND_ID, voiceId: VOICE_ID }, context);

    expect(guides.guide.mock.calls).toEqual([
      ['org-1', BRAND_ID, undefined],
      ['org-1', BRAND_ID, VOICE_ID],
    ]);
    expect(reported).toEqual([]);
  });

  it('should refuse a voice request without a UUID brandId', async () => {
    await expect(sut.actions.voice.execute({ brandId: 'northwind' }, context)).rejects.toThrow(ValidationFailedError);

    expect(guides.guide).not.toHaveBeenCalled();
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
