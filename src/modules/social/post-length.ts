import { parseTweet } from 'twitter-text';

/**
 * How a network counts a text against its limit.
 * - `weighted`: X's count, by twitter-text (most characters 1, CJK and emoji 2, any URL 23).
 * - `utf16`: UTF-16 code units, JavaScript's `length` (an emoji counts 2). Networks that publish a
 *   limit in "characters" without saying which rarely count fewer, so a text within it in this
 *   measure is within it in theirs.
 * - `utf8Bytes`: bytes once encoded, for limits published in bytes.
 */
export type LengthMeasure = 'weighted' | 'utf16' | 'utf8Bytes';

export const MEASURES: Readonly<Record<LengthMeasure, (text: string) => number>> = {
  weighted: (text) => parseTweet(text).weightedLength,
  utf16: (text) => text.length,
  utf8Bytes: (text) => Buffer.byteLength(text, 'utf8'),
};

export const MEASURE_UNITS: Readonly<Record<LengthMeasure, string>> = {
  weighted: 'weighted characters',
  utf16: 'characters',
  utf8Bytes: 'bytes',
};
