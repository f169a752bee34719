import { validatePlain } from '../../common/validation/validate-plain';
import { ToolProvider } from '../tools/tool.decorator';
import type { ToolAction, ToolCallContext, ToolDefinition } from '../tools/tool.types';
import { ScoreVoiceToolInput, VoiceGuideToolInput } from './dto/score.dto';
import { type VoiceScore, VoiceScorer } from './scoring/voice-scorer';
import { type VoiceGuide, VoiceGuides } from './voice-guides';

export const BRAND_TOOL = 'brand';
export const SCORE_VOICE_ACTION = 'score_voice';
export const VOICE_ACTION = 'voice';

/**
 * Brand tools any agent may be given: `voice` tells a writer how the brand writes; `score_voice`
 * checks a text against it, embedding the text on the run's organization's budget and reporting
 * that usage to the step, so the run's totals include it.
 */
@ToolProvider()
export class BrandTool implements ToolDefinition {
  readonly name = BRAND_TOOL;
  readonly description = "Brand voices: how a brand writes, and how well a text matches it";
  readonly actions: Record<string, ToolAction>;

  constructor(private readonly scorer: VoiceScorer, private readonly guides: VoiceGuides) {
    this.actions = {
      [VOICE_ACTION]: {
        description: "The brand's voice (the one named, else its default, else its only one): tone, audience, do and don't rules, banned words, examples",
        input: VoiceGuideToolInput,
        execute: (input, context) => this.voice(input, context),
      },
      [SCORE_VOICE_ACTION]: {
        description: 'Scores a text (1 to 20,000 characters) against a brand voice: score 0 to 1, similarity to its examples, passed, and the reasons',
        input: ScoreVoiceToolInput,
        execute: (input, context) => this.scoreVoice(input, context),
      },
    };
  }

  private async voice(raw: Record<string, unknown>, context: ToolCallContext): Promise<VoiceGuide> {
    const input = await validatePlain(VoiceGuideToolInput, raw, 'input', `${BRAND_TOOL}.${VOICE_ACTION} input`);
    return this.guides.guide(context.organizationId, input.brandId, input.voiceId);
  }

  private async scoreVoice(raw: Record<string, unknown>, context: ToolCallContext): Promise<VoiceScore> {
    const input = await validatePlain(ScoreVoiceToolInput, raw, 'input', `${BRAND_TOOL}.${SCORE_VOICE_ACTION} input`);
    const request = { brandId: input.brandId, text: input.text, ...(input.voiceId !== undefined ? { voiceId: input.voiceId } : {}) };
    return this.scorer.score(context.organizationId, request, { signal: context.signal, onModelUsage: (usage) => context.reportModelUsage(usage) });
  }
}
