import type { ScoreReason } from '../../brands/scoring/voice-rules';
import type { VoiceGuide } from '../../brands/voice-guides';
import { hintLines, voiceInstructions } from './voice-instructions';

/** The voice, what its checks found wrong with the original, and how to answer (the rewrite alone). */
export function rewriteInstructions(voice: VoiceGuide, reasons: readonly ScoreReason[], promptHints: readonly string[]): string {
  const failed = reasons.filter((r) => r.rule !== 'similarity');
  return [
    "Rewrite the user's text in the brand's voice. Keep its meaning, facts, names, figures and links; change only how it is said.",
    'Answer with the rewritten text alone: no preamble, no quotes around it, no notes.',
    ...voiceInstructions(voice),
    ...(voice.minLength !== null || voice.maxLength !== null ? [`Length: ${lengthRule(voice.minLength, voice.maxLength)} characters.`] : []),
    ...(failed.length ? [`The voice check found in the original:\n${failed.map((r) => `- ${r.message}`).join('\n')}\nFix each point.`] : []),
    ...hintLines(promptHints),
  ].join('\n');
}

function lengthRule(min: number | null, max: number | null): string {
  if (min !== null && max !== null) return `${min} to ${max}`;
  return min !== null ? `at least ${min}` : `at most ${max}`;
}
