import { isRetryable } from '../../../infra/resilience/classified-error';
import { AGENT_CONFIG_TOOL, type EffectiveAgentConfig, READ_CONFIG_ACTION } from '../../agent-config/agent-config.types';
import { Agent } from '../../agents/agent.decorator';
import type { AgentHandler, AgentRunContext, RunUsageSoFar } from '../../agents/agent.types';
import { SOCIAL_AGENT } from '../compose/social.agent';
import { connectorsEnabled } from '../connectors-enabled';
import type { SocialNetwork } from '../network-rules';
import { type SocialMetricRow, SocialMetricsRepository } from '../persistence/social-metrics.repository';
import { SocialPostOutcomesRepository } from '../persistence/social-post-outcomes.repository';
import { type PostSnapshot, SOCIAL_POSTS_TOOL } from '../social-posts.tool';
import { countChanges, type MetricsContext, METRICS_READERS, UNREADABLE } from './network-metrics';
import { DEFAULT_SYNC_DAYS, DEFAULT_SYNC_POSTS, SocialSyncInput } from './social-sync.input';

export const SOCIAL_SYNC_AGENT = 'social-sync';

export interface SkippedPost {
  socialPostId: string;
  network: SocialNetwork;
  reason: string;
}

export interface SocialSyncOutput {
  since: string;
  /** Posts whose metrics were read and saved. */
  synced: number;
  skipped: SkippedPost[];
  /** CampaignMetric rows written (one per post and count that moved, for posts with a campaign). */
  campaignMetrics: number;
  usage: RunUsageSoFar;
}

/**
 * Reads back the metrics of the organization's recently published posts (one connector read per
 * post), keeps the latest counts on each post, and adds to its campaign's metrics how much each
 * count moved since the last sync: summing a campaign's rows gives its posts' current totals, and
 * the rows over time show when the reach came. Runs hourly from the organization's schedule
 * (POST /v1/social-posts/sync-schedule), or on demand.
 */
@Agent({
  name: SOCIAL_SYNC_AGENT,
  kind: 'SOCIAL',
  description: "Reads the metrics of the organization's recently published social posts into the posts and their campaigns",
  input: SocialSyncInput,
  tools: [`${SOCIAL_POSTS_TOOL}.published`, `${AGENT_CONFIG_TOOL}.${READ_CONFIG_ACTION}`, 'x.get_post_metrics', 'linkedin.get_post_analytics', 'instagram.get_media_insights', 'youtube.get_video_metrics'],
  enabled: connectorsEnabled(['x', 'linkedin', 'instagram', 'youtube']),
})
export class SocialSyncAgent implements AgentHandler<SocialSyncInput, SocialSyncOutput> {
  constructor(private readonly outcomes: SocialPostOutcomesRepository, private readonly metrics: SocialMetricsRepository) {}

  async run(input: SocialSyncInput, context: AgentRunContext): Promise<SocialSyncOutput> {
    const { since, posts } = await context.tools.call<{ since: string; posts: PostSnapshot[] }>(SOCIAL_POSTS_TOOL, 'published', { days: input.days ?? DEFAULT_SYNC_DAYS, limit: input.limit ?? DEFAULT_SYNC_POSTS });
    const readContext = await this.readContext(posts, context);
    const skipped: SkippedPost[] = [];
    const rows: SocialMetricRow[] = [];
    let synced = 0;
    for (const post of posts) {
      const reader = METRICS_READERS[post.network];
      const call = reader ? reader.call(post.externalId!, readContext) : { unavailable: UNREADABLE[post.network] ?? `no metrics for ${post.network}` };
      if ('unavailable' in call) {
        skipped.push({ socialPostId: post.id, network: post.network, reason: call.unavailable });
        continue;
      }
      let output: Record<string, unknown>;
      try {
        output = await context.tools.call<Record<string, unknown>>(call.tool, call.action, call.input);
      } catch (error) {
        // A passing failure is worth the run's retry (the reads done so far replay); a post gone or a connection revoked is not.
        if (isRetryable(error)) throw error;
        skipped.push({ socialPostId: post.id, network: post.network, reason: (error as Error).message });
        continue;
      }
      const counts = reader!.counts(output);
      synced += 1;
      context.onCommit(() => this.outcomes.saveMetrics(context.organizationId, post.id, { ...counts, reported: output }));
      if (post.campaignId) {
        for (const change of countChanges(post.metrics, counts)) rows.push({ organizationId: context.organizationId, campaignId: post.campaignId, socialPostId: post.id, ...change });
      }
    }
    context.onCommit(() => this.metrics.insert(rows));
    return { since, synced, skipped, campaignMetrics: rows.length, usage: context.usage() };
  }

  /** The LinkedIn page is in the social agent's configuration; read only when a LinkedIn post needs it. */
  private async readContext(posts: PostSnapshot[], context: AgentRunContext): Promise<MetricsContext> {
    if (!posts.some((post) => post.network === 'linkedin')) return {};
    const config = await context.tools.call<EffectiveAgentConfig>(AGENT_CONFIG_TOOL, READ_CONFIG_ACTION, { agent: SOCIAL_AGENT });
    const author = config.settings.linkedinAuthor;
    return typeof author === 'string' ? { linkedinOrganization: author } : {};
  }
}
