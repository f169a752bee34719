import { AGENT_CONFIG_TOOL, type EffectiveAgentConfig, READ_CONFIG_ACTION } from '../../agent-config/agent-config.types';
import { Agent } from '../../agents/agent.decorator';
import { ModelOutputInvalidError } from '../../agents/agent-errors';
import type { AgentHandler, AgentRunContext, RunUsageSoFar } from '../../agents/agent.types';
import type { VoiceScore } from '../../brands/scoring/voice-scorer';
import type { VoiceGuide } from '../../brands/voice-guides';
import { BrandRequiredError } from '../content-errors';
import { clip } from '../drafting/draft-text';
import { rewriteChanges, type RewriteChanges } from '../drafting/rewrite-changes';
import { rewriteInstructions } from '../drafting/rewrite-prompt';
import { BrandVoiceInput, MAX_REWRITE_TEXT } from './brand-voice.input';

export const BRAND_VOICE_AGENT = 'brand-voice';
/** Room for a rewrite a little longer than its original (a token is about four characters). */
const MAX_OUTPUT_TOKENS = Math.ceil(MAX_REWRITE_TEXT / 3);

export interface BrandVoiceOutput {
  /** The rewrite. */
  text: string;
  score: number;
  originalScore: number;
  /** Whether the rewrite passed the voice scorer's pass mark. */
  passed: boolean;
  brandId: string;
  voiceId: string;
  changes: RewriteChanges;
  usage: RunUsageSoFar;
}

/**
 * The brand voice copilot: rewrites a text into a brand's voice and shows what changed, word by
 * word, and which of the voice checks the original failed the rewrite fixes. It writes no rows:
 * the text belongs to whatever the caller is writing (a post, an email), and the run itself
 * records the original, the rewrite and both scores. Steps: configuration, voice, score, model, score.
 */
@Agent({
  name: BRAND_VOICE_AGENT,
  kind: 'BRAND_VOICE',
  description: "Rewrites a text into a brand's voice: scores the original and the rewrite, and returns a word-level diff with the voice checks the rewrite fixed",
  input: BrandVoiceInput,
  tools: [`${AGENT_CONFIG_TOOL}.${READ_CONFIG_ACTION}`, 'brand.voice', 'brand.score_voice', 'llm.generate'],
})
export class BrandVoiceAgent implements AgentHandler<BrandVoiceInput, BrandVoiceOutput> {
  async run(input: BrandVoiceInput, context: AgentRunContext): Promise<BrandVoiceOutput> {
    const config = await context.tools.call<EffectiveAgentConfig>(AGENT_CONFIG_TOOL, READ_CONFIG_ACTION, { agent: BRAND_VOICE_AGENT });
    const brandId = input.brandId ?? config.brandId;
    if (!brandId) throw new BrandRequiredError(BRAND_VOICE_AGENT);
    const voice = await context.tools.call<VoiceGuide>('brand', 'voice', { brandId, ...(input.voiceId ? { voiceId: input.voiceId } : {}) });
    const score = (text: string) => context.tools.call<VoiceScore>('brand', 'score_voice', { brandId: voice.brandId, voiceId: voice.voiceId, text });

    const original = await score(input.text);
    const answer = await context.model.generateText({
      system: rewriteInstructions(voice, original.reasons, config.promptHints),
      prompt: input.text,
      maxOutputTokens: MAX_OUTPUT_TOKENS,
      ...(config.temperature !== null ? { temperature: config.temperature } : {}),
    });
    if (!answer.text.trim()) throw new ModelOutputInvalidError('the model answered the rewrite with no text');
    // The scorer refuses more than MAX_REWRITE_TEXT characters; a rewrite that long is cut to fit.
    const text = clip(answer.text.trim(), MAX_REWRITE_TEXT);
    const rewritten = await score(text);
    return {
      text,
      score: rewritten.score,
      originalScore: original.score,
      passed: rewritten.passed,
      brandId: voice.brandId,
      voiceId: voice.voiceId,
      changes: rewriteChanges(input.text, text, original.reasons, rewritten.reasons),
      usage: context.usage(),
    };
  }
}
