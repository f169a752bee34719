import { dtoJsonSchema } from '../../common/validation/dto-json-schema';
import { validatePlain } from '../../common/validation/validate-plain';
import type { ModelInvoker, ModelObject } from '../agents/model-invoker';
import type { VoiceGuide } from '../brands/voice-guides';
import { strictMock } from '../../../test/support/strict-double';
import { draftSms, instructions, smsCapacity, smsDraftDto, type SmsDraft } from './sms-draft';
import { SmsTooLongError } from './sms-errors';

const answer = (text: string): ModelObject<SmsDraft> => ({ object: { text }, provider: 'offline', model: 'offline-template', usage: { inputTokens: 10, outputTokens: 5 }, costUsd: 0 });

const VOICE: VoiceGuide = {
  brandId: 'b1',
  brandName: 'Northwind Coffee',
  voiceId: 'v1',
  voiceName: 'Warm',
  tone: ['warm', 'direct'],
  audience: 'regulars',
  doRules: ['name the origin'],
  dontRules: ['no discounts talk'],
  bannedWords: ['cheap'],
  requiredElements: [],
  minLength: null,
  maxLength: null,
  examples: [],
};

describe(smsCapacity.name, () => {
  it.each([
    ['GSM-7', 1, 160],
    ['GSM-7', 3, 459],
    ['UCS-2', 1, 70],
    ['UCS-2', 3, 201],
  ] as const)('should fit %p text of %p segment(s) in %p characters', (encoding, segments, capacity) => {
    expect(smsCapacity(encoding, segments)).toBe(capacity);
  });
});

describe(smsDraftDto.name, () => {
  it('should state the budget as the text maxLength of the schema the model is given', () => {
    const sut = dtoJsonSchema(smsDraftDto(153));

    expect(sut).toMatchObject({ type: 'object', properties: { text: { type: 'string', minLength: 1, maxLength: 153 } }, required: ['text'], additionalProperties: false });
  });

  it('should make one class per budget and refuse a longer answer', async () => {
    expect(smsDraftDto(70)).toBe(smsDraftDto(70));
    await expect(validatePlain(smsDraftDto(70), { text: 'a'.repeat(71) }, 'output', 'draft')).rejects.toThrow(/text must be shorter than or equal to 70 characters/);
  });
});

describe(draftSms.name, () => {
  const request = { channel: 'sms' as const, brief: 'Huila is back', maxSegments: 1, voice: null, promptHints: [] };

  it('should keep a first draft that fits, with one model call asked for within the GSM-7 budget', async () => {
    const model = strictMock<ModelInvoker>('model', ['generateObject']);
    model.generateObject.mockResolvedValueOnce(answer('  Huila is back at Northwind this weekend.  '));

    const sut = await draftSms(model, request);

    expect(sut).toEqual({ text: 'Huila is back at Northwind this weekend.', segments: expect.objectContaining({ encoding: 'GSM-7', segments: 1 }), modelCalls: 1 });
    expect(model.generateObject).toHaveBeenCalledWith(smsDraftDto(160), expect.objectContaining({ prompt: 'Brief: Huila is back' }));
  });

  it('should ask once to shorten a draft that an emoji made too long, within the UCS-2 budget', async () => {
    const model = strictMock<ModelInvoker>('model', ['generateObject']);
    const long = `Huila is back 🎉 ${'so good '.repeat(10)}`.trim();
    model.generateObject.mockResolvedValueOnce(answer(long)).mockResolvedValueOnce(answer('Huila is back this weekend.'));

    const sut = await draftSms(model, request);

    expect(sut).toMatchObject({ text: 'Huila is back this weekend.', segments: { encoding: 'GSM-7', segments: 1 }, modelCalls: 2 });
    expect(model.generateObject).toHaveBeenLastCalledWith(smsDraftDto(70), expect.objectContaining({ prompt: expect.stringContaining(`at most 70 characters. Keep its offer and call to action; drop emoji and decorative characters.\n\nMessage: ${long}`) }));
  });

  it('should fail with SmsTooLongError when the shortened draft still does not fit', async () => {
    const model = strictMock<ModelInvoker>('model', ['generateObject']);
    model.generateObject.mockResolvedValueOnce(answer(`🎉 ${'a'.repeat(100)}`)).mockResolvedValueOnce(answer(`🎉 ${'b'.repeat(80)}`));

    await expect(draftSms(model, request)).rejects.toBeInstanceOf(SmsTooLongError);
    expect(model.generateObject).toHaveBeenCalledTimes(2);
  });

  it('should pass the configured temperature to each call', async () => {
    const model = strictMock<ModelInvoker>('model', ['generateObject']);
    model.generateObject.mockResolvedValueOnce(answer('Fits.'));

    await draftSms(model, { ...request, temperature: 0.2 });

    expect(model.generateObject).toHaveBeenCalledWith(expect.anything(), expect.objectContaining({ temperature: 0.2 }));
  });
});

describe(instructions.name, () => {
  it('should state the budget, the brand voice and the organization hints', () => {
    const sut = instructions({ channel: 'whatsapp', maxSegments: 2, voice: VOICE, promptHints: ['Sign as the Northwind team.'] });

    expect(sut).toContain('one WhatsApp marketing message');
    expect(sut).toContain('At most 306 characters');
    expect(sut).toContain('Write as Northwind Coffee (Warm voice).');
    expect(sut).toContain('Never use these words: cheap.');
    expect(sut.endsWith('Sign as the Northwind team.')).toBe(true);
  });
});
