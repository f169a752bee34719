import type { VoiceGuide } from '../../brands/voice-guides';

const MAX_EXAMPLES = 3;

/**
 * How a model is told to write in a brand's voice: its tone, audience, rules and a few examples.
 * The voice's length bounds are not among them: they describe the kind of text its examples are
 * (posts, say), so a rewrite of such a text adds them, while a blog post or a newsletter takes its
 * length from its format (the scorer still reports the bounds, and a revision hears that).
 */
export function voiceInstructions(voice: VoiceGuide): string[] {
  const lines = [`Write as ${voice.brandName}, in its voice "${voice.voiceName}".`];
  if (voice.tone.length) lines.push(`Tone: ${voice.tone.join(', ')}.`);
  if (voice.audience) lines.push(`Audience: ${voice.audience}.`);
  if (voice.doRules.length) lines.push(`Do: ${voice.doRules.join('; ')}.`);
  if (voice.dontRules.length) lines.push(`Don't: ${voice.dontRules.join('; ')}.`);
  if (voice.bannedWords.length) lines.push(`Never use these words: ${voice.bannedWords.join(', ')}.`);
  if (voice.requiredElements.length) lines.push(`Always mention: ${voice.requiredElements.join(', ')}.`);
  if (voice.examples.length) lines.push(`Examples of the voice:\n${voice.examples.slice(0, MAX_EXAMPLES).map((e) => `- ${e}`).join('\n')}`);
  return lines;
}

/** An organization's own hints for an agent (its configuration's promptHints), after the agent's instructions. */
export function hintLines(promptHints: readonly string[]): string[] {
  return promptHints.length ? [`The organization asks: ${promptHints.join(' ')}`] : [];
}
