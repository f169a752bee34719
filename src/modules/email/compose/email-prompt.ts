import type { VoiceGuide as BrandVoiceGuide } from '../../brands/voice-guides';
import type { CampaignSource, ContentSource } from '../persistence/email-sources.repository';
import { MAX_BODY, MAX_SUBJECT } from './email-draft.dto';

/** A brand voice as the `brand.voice` tool answers it (the brands module's type). */
export type VoiceGuide = Pick<BrandVoiceGuide, 'brandName' | 'voiceName' | 'tone' | 'audience' | 'doRules' | 'dontRules' | 'bannedWords' | 'examples'>;

export interface EmailMaterial {
  brief?: string;
  campaign: CampaignSource | null;
  content: ContentSource | null;
}

/** How much of a long content the model is shown: enough to summarize it in an email. */
const CONTENT_CHARS = 6_000;

export function instructions(voice: VoiceGuide | null, promptHints: string[], abTest: boolean): string {
  const lines = [
    'You write marketing emails. Answer with a subject and a plain-text body.',
    `The subject is one line of at most ${MAX_SUBJECT} characters, specific, without clickbait or all-caps.`,
    `The body is at most ${MAX_BODY} characters: a greeting, short paragraphs, one clear call to action, a sign-off.`,
    'Do not write an unsubscribe line or a footer: one is added to every email.',
    'Use only facts from the brief and the material; never invent prices, dates or offers.',
  ];
  if (abTest) lines.push('Also write subjectB: a second subject for an A/B test, taking a clearly different approach (a question, a benefit, urgency).');
  if (voice) {
    lines.push(`Write as ${voice.brandName} (${voice.voiceName} voice).`);
    if (voice.tone.length) lines.push(`Tone: ${voice.tone.join(', ')}.`);
    if (voice.audience) lines.push(`Audience: ${voice.audience}.`);
    if (voice.doRules.length) lines.push(`Do: ${voice.doRules.join('; ')}.`);
    if (voice.dontRules.length) lines.push(`Don't: ${voice.dontRules.join('; ')}.`);
    if (voice.bannedWords.length) lines.push(`Never use these words: ${voice.bannedWords.join(', ')}.`);
    if (voice.examples.length) lines.push(`Examples of the voice:\n${voice.examples.slice(0, 3).map((e) => `- ${e}`).join('\n')}`);
  }
  lines.push(...promptHints);
  return lines.join('\n');
}

/** What this email of the sequence is for: the first introduces, later ones follow up on it. */
export function promptOf(material: EmailMaterial, step: number, steps: number, delayDays: number): string {
  const parts: string[] = [];
  if (material.brief) parts.push(`Brief: ${material.brief}`);
  if (material.campaign) parts.push(`Campaign: ${material.campaign.name}. Goal: ${material.campaign.goal}`);
  if (material.content) parts.push(`Material (${material.content.title}):\n${material.content.body.slice(0, CONTENT_CHARS) || material.content.brief}`);
  if (steps > 1) {
    parts.push(
      step === 1
        ? `This is email 1 of a sequence of ${steps}.`
        : `This is email ${step} of ${steps}, sent ${delayDays} day(s) after the previous one to people who got it: follow up, do not repeat it.`,
    );
  }
  return parts.join('\n\n');
}
