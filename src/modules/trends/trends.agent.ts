import { randomUUID } from 'node:crypto';
import { AGENT_CONFIG_TOOL, type EffectiveAgentConfig, READ_CONFIG_ACTION } from '../agent-config/agent-config.types';
import { Agent } from '../agents/agent.decorator';
import type { AgentHandler, AgentRunContext, RunUsageSoFar } from '../agents/agent.types';
import { RUN_QUEUES } from '../agents/agent-queues';
import { TREND_NETWORKS, type TrendNetwork } from './analysis/trend-items';
import { pickTrends, referenceTime, scoreTopics } from './analysis/trend-scoring';
import { discoverTopics, matchTopics } from './analysis/trend-topics';
import { InsightsRepository, type NewInsight } from './persistence/insights.repository';
import { TrendSummary } from './trend-summary.dto';
import { gatherItems, type SkippedNetwork } from './trend-sources';
import { NoTrendSourcesError } from './trends-errors';
import { DEFAULT_TREND_LIMIT, TrendsInput } from './trends.input';
import { sourcesOf, trendInstructions, trendPrompt } from './trend-prompts';

export const TRENDS_AGENT = 'trends';

const DEFAULT_TEMPERATURE = 0.3;

export interface TrendsOutput {
  insights: Array<{ id: string; topic: string; score: number; networks: string[]; summary: string; sources: number }>;
  networks: { read: TrendNetwork[]; skipped: SkippedNetwork[] };
  /** Posts and videos read. */
  items: number;
  /** Topics named in the input that no post was about. */
  unmatchedTopics: string[];
  usage: RunUsageSoFar;
}

/**
 * Finds what is trending in the organization's recent posts and videos (Reddit, X, YouTube):
 * topics scored by engagement and recency, each top trend summarised by the model, kept as an
 * insight citing its posts. A network whose connector fails is skipped and reported; the run fails
 * only when none could be read. Steps: the configuration, one list per network (and one metrics
 * read per YouTube video, at most five), one model call per trend.
 */
@Agent({
  name: TRENDS_AGENT,
  kind: 'ANALYTICS',
  description: 'Scores the topics of recent Reddit, X and YouTube posts by engagement and recency, summarises the top trends and keeps them as insights with their sources',
  input: TrendsInput,
  tools: [`${AGENT_CONFIG_TOOL}.${READ_CONFIG_ACTION}`, 'reddit.list_recent_posts', 'x.list_recent_posts', 'youtube.list_recent_videos', 'youtube.get_video_metrics', 'llm.generate'],
  queue: RUN_QUEUES.agentRun,
})
export class TrendsAgent implements AgentHandler<TrendsInput, TrendsOutput> {
  constructor(private readonly insights: InsightsRepository) {}

  async run(input: TrendsInput, context: AgentRunContext): Promise<TrendsOutput> {
    const config = await context.tools.call<EffectiveAgentConfig>(AGENT_CONFIG_TOOL, READ_CONFIG_ACTION, { agent: TRENDS_AGENT });
    const { items, read, skipped } = await gatherItems(context.tools, input.networks ?? TREND_NETWORKS);
    if (read.length === 0) throw new NoTrendSourcesError(skipped);

    const matches = input.topics ? matchTopics(input.topics, items) : discoverTopics(items);
    // Named topics are all kept; discovered ones that say nothing a better one does not are dropped.
    const trends = pickTrends(scoreTopics(matches, referenceTime(items)), input.limit ?? DEFAULT_TREND_LIMIT, !input.topics);

    const system = trendInstructions(config.promptHints);
    const written: NewInsight[] = [];
    for (const trend of trends) {
      const { object } = await context.model.generateObject(TrendSummary, { system, prompt: trendPrompt(trend), temperature: config.temperature ?? DEFAULT_TEMPERATURE, maxOutputTokens: 400 });
      written.push({ id: randomUUID(), topic: trend.topic, summary: object.summary.replace(/\s+/g, ' ').trim(), score: trend.score, networks: trend.networks, sources: sourcesOf(trend) });
    }

    context.onCommit(() => this.insights.insertMany(context.organizationId, context.runId, written));
    return {
      insights: written.map((w) => ({ id: w.id, topic: w.topic, score: w.score, networks: w.networks, summary: w.summary, sources: w.sources.length })),
      networks: { read, skipped },
      items: items.length,
      unmatchedTopics: input.topics ? matches.filter((m) => m.items.length === 0).map((m) => m.topic) : [],
      usage: context.usage(),
    };
  }
}
