import type { VoiceGuide as BrandVoiceGuide } from '../../brands/voice-guides';
import type { EffectiveAgentConfig } from '../../agent-config/agent-config.types';
import type { ModelRequest } from '../../agents/model-invoker';
import { MEASURE_UNITS } from '../post-length';
import { NETWORK_RULES, type SocialNetwork } from '../network-rules';
import type { SocialInput } from './social.input';

/** A brand voice as the `brand.voice` tool answers it (the brands module's type). */
export type VoiceGuide = Pick<BrandVoiceGuide, 'brandName' | 'voiceName' | 'tone' | 'audience' | 'doRules' | 'dontRules' | 'bannedWords' | 'examples'>;

const MAX_OUTPUT_TOKENS = 3_000;

/**
 * One model call for every network: the instructions carry each network's limits as the rules
 * module states them, so the model writes within them; what it still gets wrong is cut
 * (fitPost) or reported (checkPost) afterwards, never trusted.
 */
export function composeRequest(input: SocialInput, voice: VoiceGuide | null, config: Pick<EffectiveAgentConfig, 'promptHints' | 'temperature' | 'model'>): ModelRequest {
  return {
    system: instructions(input.networks, voice, config.promptHints),
    prompt: promptOf(input),
    maxOutputTokens: MAX_OUTPUT_TOKENS,
    ...(config.temperature !== null ? { temperature: config.temperature } : {}),
    ...(config.model !== null ? { model: config.model } : {}),
  };
}

function instructions(networks: readonly SocialNetwork[], voice: VoiceGuide | null, hints: readonly string[]): string {
  const lines = [
    'You write social media posts for a marketing agency, one per network named below, each native to its network.',
    `Write only these fields: ${networks.map((n) => (n === 'youtube' ? 'youtube (the video description) and youtubeTitle' : n)).join(', ')}. Leave every other field out.`,
    'Never invent facts, prices, dates or links that the brief does not give.',
    ...networks.map((network) => `- ${network}: ${rulesOf(network)}`),
  ];
  if (voice) lines.push(...voiceLines(voice));
  if (hints.length > 0) lines.push(...hints.map((hint) => `Also: ${hint}`));
  return lines.join('\n');
}

function rulesOf(network: SocialNetwork): string {
  const rules = NETWORK_RULES[network];
  const parts = [`at most ${rules.text.maxLength} ${MEASURE_UNITS[rules.text.measure]}`];
  if (network === 'x') parts.push('a link counts 23 and an emoji 2');
  if (rules.maxHashtags !== undefined) parts.push(`at most ${rules.maxHashtags} hashtags`);
  if (rules.text.forbidden?.length) parts.push(`never ${rules.text.forbidden.join(' or ')}`);
  if (rules.title) parts.push(`and a title of at most ${rules.title.maxLength} ${MEASURE_UNITS[rules.title.measure]}`);
  if (rules.media) parts.push(`it goes out with ${rules.media.kind === 'image' ? 'an image' : 'a video'}, so write a caption for it`);
  return `${parts.join('; ')}.`;
}

function voiceLines(voice: VoiceGuide): string[] {
  const lines = [`Write as ${voice.brandName} (${voice.voiceName} voice).`];
  if (voice.tone.length) lines.push(`Tone: ${voice.tone.join(', ')}.`);
  if (voice.audience) lines.push(`Audience: ${voice.audience}.`);
  if (voice.doRules.length) lines.push(`Do: ${voice.doRules.join('; ')}.`);
  if (voice.dontRules.length) lines.push(`Don't: ${voice.dontRules.join('; ')}.`);
  if (voice.bannedWords.length) lines.push(`Never use these words: ${voice.bannedWords.join(', ')}.`);
  if (voice.examples.length) lines.push(`Examples of the voice:\n${voice.examples.slice(0, 3).map((e) => `- ${e}`).join('\n')}`);
  return lines;
}

function promptOf(input: SocialInput): string {
  const lines = [`Brief: ${input.brief}`];
  if (input.mediaUrl) lines.push(`The media that goes with the posts: ${input.mediaUrl}`);
  if (input.publishAt) lines.push(`They are published at ${input.publishAt}.`);
  return lines.join('\n');
}
