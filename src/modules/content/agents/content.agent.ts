import { AGENT_CONFIG_TOOL, type EffectiveAgentConfig, READ_CONFIG_ACTION } from '../../agent-config/agent-config.types';
import { Agent } from '../../agents/agent.decorator';
import type { AgentHandler, AgentRunContext, RunUsageSoFar } from '../../agents/agent.types';
import type { VoiceScore } from '../../brands/scoring/voice-scorer';
import type { VoiceGuide } from '../../brands/voice-guides';
import type { Passage } from '../../knowledge/knowledge-search';
import { CampaignNotFoundError } from '../content-errors';
import { draftInstructions, draftPrompt, MAX_OUTPUT_TOKENS, revisionPrompt } from '../drafting/content-prompts';
import { citedPassages, type CitedPassage, clip, scoredText, splitTitle, type Titled } from '../drafting/draft-text';
import { type AgentContentStatus, bestVersionIndex, type DraftingSettings, draftingSettings, type DraftVersion, meetsBar, reviewOf, revisionNote } from '../drafting/drafting-policy';
import { ContentsRepository, type NewContent } from '../persistence/contents.repository';
import { contentIdFor } from './content-id';
import { ContentInput, KIND_OF_FORMAT } from './content.input';

export const CONTENT_AGENT = 'content';
/** knowledge.search takes a query of at most 2,000 characters; a brief's opening says what it is about. */
const MAX_QUERY = 2_000;

export interface ContentOutput {
  /** The content row the run wrote (on its COMPLETED commit). */
  contentId: string;
  /** IN_REVIEW: a person should look at it now (reviewReasons say why); DRAFT: nothing asks for attention yet. */
  status: AgentContentStatus;
  reviewReasons: string[];
  title: string;
  body: string;
  /** The chosen version's voice score; null when there was no brand voice to score against. */
  voiceScore: number | null;
  /** Whether the chosen version reached the voice bar; null when it was not scored. */
  passed: boolean | null;
  /** Revisions made after the draft. */
  revisions: number;
  /** The chosen version (the content's currentVersion): 1 is the draft. */
  version: number;
  /** The passages the chosen version cites. */
  passages: CitedPassage[];
  usage: RunUsageSoFar;
}

/** What a draft is written from, read once at the start of the run. */
interface Drafting {
  input: ContentInput;
  passages: Passage[];
  voice: VoiceGuide | null;
  settings: DraftingSettings;
  system: string;
  temperature: number | null;
}

/**
 * Drafts long-form content from a brief: grounded in the organization's knowledge (passages cited
 * as [n]), written in a brand's voice, scored against it and revised with the scorer's reasons
 * until it reaches the bar or the revisions run out; the best-scoring version becomes current.
 * Every version is kept. Steps: configuration, search, voice, then a model call and a score per
 * version (5 for a draft that passes at once, 9 with the default two revisions).
 */
@Agent({
  name: CONTENT_AGENT,
  kind: 'CONTENT',
  description: 'Drafts a blog post, landing page or newsletter from a brief, grounded in the knowledge base with [n] citations, in a brand voice it scores and revises toward; writes the content with one version per draft and revision',
  input: ContentInput,
  tools: [`${AGENT_CONFIG_TOOL}.${READ_CONFIG_ACTION}`, 'knowledge.search', 'brand.voice', 'brand.score_voice', 'llm.generate'],
})
export class ContentAgent implements AgentHandler<ContentInput, ContentOutput> {
  constructor(private readonly contents: ContentsRepository) {}

  async run(input: ContentInput, context: AgentRunContext): Promise<ContentOutput> {
    // Read, not recorded: which campaigns an organization owns does not change under a run.
    if (input.campaignId && !(await this.contents.campaignBelongs(context.organizationId, input.campaignId))) throw new CampaignNotFoundError(input.campaignId);
    const drafting = await this.prepare(input, context);

    const versions = [await this.write(drafting, draftPrompt(input.brief, drafting.passages), 'draft', context)];
    while (versions.length <= drafting.settings.maxRevisions) {
      // Each revision starts from the best version so far: a revision that scored worse is not built on.
      const best = versions[bestVersionIndex(versions)];
      if (!best.score || meetsBar(best.score, drafting.settings.voiceThreshold)) break;
      const prompt = revisionPrompt(input.brief, drafting.passages, best, best.score, drafting.settings.voiceThreshold);
      versions.push(await this.write(drafting, prompt, revisionNote(versions.length, best.score.reasons), context));
    }

    const chosen = bestVersionIndex(versions);
    const best = versions[chosen];
    const review = reviewOf(best, { threshold: drafting.settings.voiceThreshold, passagesFound: drafting.passages.length, revisions: versions.length - 1 });
    const content = this.contentRow(context, drafting, versions, chosen, review.status);
    context.onCommit(() => this.contents.create(content));
    return {
      contentId: content.id,
      status: review.status,
      reviewReasons: review.reasons,
      title: best.title,
      body: best.body,
      voiceScore: best.score?.score ?? null,
      passed: best.score ? meetsBar(best.score, drafting.settings.voiceThreshold) : null,
      revisions: versions.length - 1,
      version: chosen + 1,
      passages: best.cited,
      usage: context.usage(),
    };
  }

  private async prepare(input: ContentInput, context: AgentRunContext): Promise<Drafting> {
    const config = await context.tools.call<EffectiveAgentConfig>(AGENT_CONFIG_TOOL, READ_CONFIG_ACTION, { agent: CONTENT_AGENT });
    const settings = draftingSettings(config.settings, input);
    const search = { query: clip(input.brief, MAX_QUERY), k: settings.passages, ...(input.datasetId ? { datasetId: input.datasetId } : {}) };
    const { passages } = await context.tools.call<{ passages: Passage[] }>('knowledge', 'search', search);
    const brandId = input.brandId ?? config.brandId;
    const voice = brandId ? await context.tools.call<VoiceGuide>('brand', 'voice', { brandId }) : null;
    return { input, passages, voice, settings, system: draftInstructions(input.format, voice, config.promptHints), temperature: config.temperature };
  }

  /** One version: the model's answer, titled and clipped, then scored against the voice the draft was written in. */
  private async write(drafting: Drafting, prompt: string, note: string, context: AgentRunContext): Promise<DraftVersion> {
    const answer = await context.model.generateText({
      system: drafting.system,
      prompt,
      maxOutputTokens: MAX_OUTPUT_TOKENS,
      ...(drafting.temperature !== null ? { temperature: drafting.temperature } : {}),
    });
    const titled = splitTitle(answer.text);
    const score = drafting.voice ? await this.score(drafting.voice, titled, context) : null;
    return { ...titled, score, cited: citedPassages(titled.body, drafting.passages), note };
  }

  private async score(voice: VoiceGuide, version: Titled, context: AgentRunContext): Promise<DraftVersion['score']> {
    const { score, passed, reasons } = await context.tools.call<VoiceScore>('brand', 'score_voice', { brandId: voice.brandId, voiceId: voice.voiceId, text: scoredText(version) });
    return { score, passed, reasons };
  }

  private contentRow(context: AgentRunContext, drafting: Drafting, versions: DraftVersion[], chosen: number, status: AgentContentStatus): NewContent {
    const best = versions[chosen];
    return {
      id: contentIdFor(context.runId),
      organizationId: context.organizationId,
      brandId: drafting.voice?.brandId ?? null,
      campaignId: drafting.input.campaignId ?? null,
      runId: context.runId,
      kind: KIND_OF_FORMAT[drafting.input.format],
      status,
      title: best.title,
      brief: drafting.input.brief,
      currentVersion: chosen + 1,
      voiceScore: best.score?.score ?? null,
      versions: versions.map((v, i) => ({ version: i + 1, title: v.title, body: v.body, voiceScore: v.score?.score ?? null, passages: v.cited, note: v.note, runId: context.runId, userId: null })),
    };
  }
}
