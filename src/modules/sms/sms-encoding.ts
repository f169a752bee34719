import { SegmentedMessage } from 'sms-segments-calculator';
import { EmptySmsBodyError, SmsTooLongError } from './sms-errors';

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SmsSegments {
  encoding: SmsEncoding;
  /** Billed parts: 160 GSM-7 units or 70 UCS-2 units alone, 153 or 67 each once split (the rest carries the join header). */
  segments: number;
  /** As Twilio counts them: GSM-7 units (an extension character such as € or ^ counts 2), or graphemes in UCS-2. */
  characters: number;
  /** The distinct characters outside GSM-7 that forced UCS-2 (empty for GSM-7). */
  unicodeCharacters: string[];
}

/**
 * Each segment is billed, and long concatenated messages are the likeliest to be filtered or
 * reassembled out of order; three segments (459 GSM-7 or 201 UCS-2 characters) is room enough
 * for a marketing text.
 */
export const DEFAULT_MAX_SMS_SEGMENTS = 3;

/**
 * How a body will be encoded and split, by Twilio's own calculator. Smart encoding stays off:
 * it is a per-sender setting that rewrites characters, so counting without it is the cautious
 * answer (a body it would shorten can only cost fewer segments than we say).
 */
export function smsSegments(body: string): SmsSegments {
  const message = new SegmentedMessage(body, 'auto', false);
  return {
    encoding: message.encodingName,
    segments: message.segmentsCount,
    characters: message.numberOfCharacters,
    unicodeCharacters: [...new Set(message.getNonGsmCharacters())],
  };
}

/** The body's encoding and segments, or a typed error when it is empty (400) or costs more than `maxSegments` (422). */
export function checkSmsBody(body: string, { maxSegments = DEFAULT_MAX_SMS_SEGMENTS }: { maxSegments?: number } = {}): SmsSegments {
  if (body.trim() === '') throw new EmptySmsBodyError();
  const info = smsSegments(body);
  if (info.segments > maxSegments) throw new SmsTooLongError(info.segments, maxSegments, info.encoding, info.unicodeCharacters);
  return info;
}
