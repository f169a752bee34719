import { ValidationFailedError } from '../../common/errors/domain-errors';
import { checkSmsBody, smsSegments } from './sms-encoding';
import { EmptySmsBodyError, SmsTooLongError } from './sms-errors';

const refusal = (run: () => unknown): unknown => {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected the body to be refused');
};

describe(smsSegments.name, () => {
  it.each([
    [160, 1],
    [161, 2],
    [306, 2],
    [307, 3],
    [459, 3],
    [460, 4],
  ])('should split %p plain ASCII characters into %p GSM-7 segment(s) (160 alone, 153 each once split)', (length, segments) => {
    const sut = smsSegments('a'.repeat(length));

    expect(sut).toEqual({ encoding: 'GSM-7', segments, characters: length, unicodeCharacters: [] });
  });

  it.each(['€', '^', '{', '}', '[', ']', '~', '|', '\\'])('should count the GSM-7 extension character %p as 2 units', (char) => {
    expect(smsSegments(char)).toEqual({ encoding: 'GSM-7', segments: 1, characters: 2, unicodeCharacters: [] });
  });

  it('should need a second segment when an extension character lands on the 160th unit', () => {
    expect(smsSegments(`${'a'.repeat(158)}€`).segments).toBe(1);
    expect(smsSegments(`${'a'.repeat(159)}€`).segments).toBe(2);
  });

  it('should keep GSM-7 for the accented letters the GSM alphabet has (é, ü, Ç)', () => {
    expect(smsSegments('Café über Ça').encoding).toBe('GSM-7');
  });

  it('should switch to UCS-2 for an emoji and name it', () => {
    const sut = smsSegments('Sale today 🎉');

    expect(sut.encoding).toBe('UCS-2');
    expect(sut.unicodeCharacters).toEqual(['🎉']);
  });

  it('should split UCS-2 at 70 code units alone and 67 each once split (an emoji takes 2)', () => {
    expect(smsSegments(`😀${'a'.repeat(68)}`).segments).toBe(1);
    expect(smsSegments(`😀${'a'.repeat(69)}`).segments).toBe(2);
    expect(smsSegments(`ş${'a'.repeat(133)}`).segments).toBe(2);
    expect(smsSegments(`ş${'a'.repeat(134)}`).segments).toBe(3);
  });

  it('should name each character that forced UCS-2 once', () => {
    expect(smsSegments('ç ç “quoted”').unicodeCharacters).toEqual(['ç', '“', '”']);
  });

  it('should not rewrite curly quotes to straight ones (smart encoding is off)', () => {
    expect(smsSegments('“hi”').encoding).toBe('UCS-2');
  });
});

describe(checkSmsBody.name, () => {
  it('should accept a 3-segment body by default and return its segments', () => {
    expect(checkSmsBody('a'.repeat(459))).toEqual({ encoding: 'GSM-7', segments: 3, characters: 459, unicodeCharacters: [] });
  });

  it('should refuse a 4-segment body with a 422 naming the count and the limit', () => {
    const sut = refusal(() => checkSmsBody('a'.repeat(460)));

    expect(sut).toBeInstanceOf(SmsTooLongError);
    expect(sut).toMatchObject({ statusCode: 422, segments: 4, maxSegments: 3, encoding: 'GSM-7' });
    expect((sut as Error).message).toBe('SMS too long: the body needs 4 GSM-7 segments and the limit is 3');
  });

  it('should name the characters that forced UCS-2 when it refuses a body', () => {
    const sut = refusal(() => checkSmsBody(`👋 ${'a'.repeat(200)}`));

    expect(sut).toMatchObject({ statusCode: 422, segments: 4, encoding: 'UCS-2', unicodeCharacters: ['👋'] });
    expect((sut as Error).message).toContain('UCS-2 because of "👋"');
  });

  it('should honour a smaller maxSegments', () => {
    expect(checkSmsBody('a'.repeat(160), { maxSegments: 1 }).segments).toBe(1);
    expect(refusal(() => checkSmsBody('a'.repeat(161), { maxSegments: 1 }))).toMatchObject({ segments: 2, maxSegments: 1 });
  });

  it.each(['', '   ', '\n\t'])('should refuse the empty body %p with a 400 on the body field', (body) => {
    const sut = refusal(() => checkSmsBody(body));

    expect(sut).toBeInstanceOf(EmptySmsBodyError);
    expect(sut).toBeInstanceOf(ValidationFailedError);
    expect(sut).toMatchObject({ statusCode: 400, fields: ['body'] });
  });
});
