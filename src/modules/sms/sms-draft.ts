import { IsString, MaxLength, MinLength } from 'class-validator';
import type { ModelInvoker } from '../agents/model-invoker';
import type { VoiceGuide } from '../brands/voice-guides';
import { checkSmsBody, type SmsEncoding, type SmsSegments } from './sms-encoding';
import { SmsTooLongError } from './sms-errors';
import type { SmsChannel } from './sms-channel';

export interface SmsDraft {
  text: string;
}

export interface DraftRequest {
  channel: SmsChannel;
  brief: string;
  maxSegments: number;
  voice: VoiceGuide | null;
  promptHints: string[];
  temperature?: number;
}

export interface Draft {
  text: string;
  segments: SmsSegments;
  /** Model calls made: 1, or 2 when the first draft had to be shortened. */
  modelCalls: number;
}

/** Characters that fit in `segments` segments: 160 GSM-7 or 70 UCS-2 alone, 153 or 67 each once split (the rest carries the join header). */
export function smsCapacity(encoding: SmsEncoding, segments: number): number {
  const [alone, split] = encoding === 'GSM-7' ? [160, 153] : [70, 67];
  return segments === 1 ? alone : split * segments;
}

const draftDtos = new Map<number, new () => SmsDraft>();

/**
 * The model's answer DTO with the character budget as its maxLength: the JSON schema the model is
 * given then states the limit, and the offline model fills a string that respects it. One class
 * per budget (at most 20: ten segment counts, two encodings), made once.
 */
export function smsDraftDto(maxLength: number): new () => SmsDraft {
  const known = draftDtos.get(maxLength);
  if (known) return known;
  const name = `SmsDraft${maxLength}`;
  const dto = { [name]: class implements SmsDraft { text!: string } }[name];
  IsString()(dto.prototype, 'text');
  MinLength(1)(dto.prototype, 'text');
  MaxLength(maxLength)(dto.prototype, 'text');
  draftDtos.set(maxLength, dto);
  return dto;
}

/**
 * Writes the message with the model within `maxSegments`. The first draft is asked for within the
 * GSM-7 budget; a draft that still costs too much (an emoji forces UCS-2, where a segment holds
 * 70 characters instead of 160) is sent back once to be shortened to its own encoding's budget. A
 * second miss fails with SmsTooLongError rather than cutting a marketing text mid-sentence.
 */
export async function draftSms(model: ModelInvoker, request: DraftRequest): Promise<Draft> {
  const system = instructions(request);
  const first = await model.generateObject(smsDraftDto(smsCapacity('GSM-7', request.maxSegments)), {
    system,
    prompt: `Brief: ${request.brief}`,
    maxOutputTokens: 400,
    ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
  });
  const text = first.object.text.trim();
  const fits = fitting(text, request.maxSegments);
  if (fits) return { text, segments: fits, modelCalls: 1 };

  const budget = smsCapacity(encodingOf(text), request.maxSegments);
  const shorter = await model.generateObject(smsDraftDto(budget), {
    system,
    prompt: `Shorten this message to at most ${budget} characters. Keep its offer and call to action; drop emoji and decorative characters.\n\nMessage: ${text}`,
    maxOutputTokens: 400,
    ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
  });
  const shortened = shorter.object.text.trim();
  return { text: shortened, segments: checkSmsBody(shortened, { maxSegments: request.maxSegments }), modelCalls: 2 };
}

/** The body's segments when it fits, else null (an empty body still throws: there is nothing to shorten). */
function fitting(text: string, maxSegments: number): SmsSegments | null {
  try {
    return checkSmsBody(text, { maxSegments });
  } catch (error) {
    if (error instanceof SmsTooLongError) return null;
    throw error;
  }
}

function encodingOf(text: string): SmsEncoding {
  return checkSmsBody(text, { maxSegments: Number.MAX_SAFE_INTEGER }).encoding;
}

export function instructions(request: Pick<DraftRequest, 'channel' | 'maxSegments' | 'voice' | 'promptHints'>): string {
  const lines = [
    `You write one ${request.channel === 'sms' ? 'SMS' : 'WhatsApp'} marketing message from the brief.`,
    `At most ${smsCapacity('GSM-7', request.maxSegments)} characters of plain text: no markdown, no hashtags, no placeholders such as [Name].`,
    // Any character outside GSM-7 switches the whole message to UCS-2, cutting each segment from 160 characters to 70.
    'Use plain characters only: no emoji, no curly quotes, no symbols outside the GSM alphabet.',
    'One clear call to action. Do not invent prices, dates or links that the brief does not give.',
  ];
  const voice = request.voice;
  if (voice) {
    lines.push(`Write as ${voice.brandName} (${voice.voiceName} voice).`);
    if (voice.tone.length) lines.push(`Tone: ${voice.tone.join(', ')}.`);
    if (voice.audience) lines.push(`Audience: ${voice.audience}.`);
    if (voice.doRules.length) lines.push(`Do: ${voice.doRules.join('; ')}.`);
    if (voice.dontRules.length) lines.push(`Don't: ${voice.dontRules.join('; ')}.`);
    if (voice.bannedWords.length) lines.push(`Never use these words: ${voice.bannedWords.join(', ')}.`);
  }
  lines.push(...request.promptHints);
  return lines.join('\n');
}
