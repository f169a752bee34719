import { validatePlain } from '../../common/validation/validate-plain';
import { ToolProvider } from '../tools/tool.decorator';
import type { ToolAction, ToolCallContext, ToolDefinition } from '../tools/tool.types';
import { ScoreVoiceToolInput } from './dto/score.dto';
import { VoiceScorer } from './scoring/voice-scorer';

export const BRAND_TOOL = 'brand';
export const SCORE_VOICE_ACTION = 'score_voice';

/**
 * Brand tools any agent may be given. `score_voice` embeds the text on the run's organization's
 * budget and reports that usage to the step, so the run's totals include it.
 */
@ToolProvider()
export class BrandTool implements ToolDefinition {
  readonly name = BRAND_TOOL;
  readonly description = "Brand voice checks: how well a text matches a brand's voice";
  readonly actions: Record<string, ToolAction> = {
    [SCORE_VOICE_ACTION]: {
      description: "Scores a text (1 to 20,000 characters) against a brand voice: {brandId, text, voiceId?} -> {score 0..1, similarity, passed, reasons, voiceId, brandId}",
      execute: async (input: Record<string, unknown>, context: ToolCallContext) => {
        const request = await validatePlain(ScoreVoiceToolInput, input, 'input', `${BRAND_TOOL}.${SCORE_VOICE_ACTION} input`);
        return this.scorer.score(
          context.organizationId,
          { brandId: request.brandId, text: request.text, ...(request.voiceId !== undefined ? { voiceId: request.voiceId } : {}) },
          { signal: context.signal, onModelUsage: (usage) => context.reportModelUsage(usage) },
        );
      },
    },
  };

  constructor(private readonly scorer: VoiceScorer) {}
}
