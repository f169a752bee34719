import type { ToolInvoker } from '../agents/agent.types';
import { ConnectorError } from '../connectors/connector-error';
import { ToolUnavailableError } from '../tools/tool-registry';
import { errorClassOf, isRetryable } from '../../infra/resilience/classified-error';
import { type RedditPost, redditItems, TREND_NETWORKS, type TrendItem, type TrendNetwork, type XPost, xItems, type YoutubeMetrics, type YoutubeVideo, youtubeItems } from './analysis/trend-items';

/** Recent enough to be a trend, few enough to read in one call per network. */
const POSTS_PER_NETWORK = 25;
/** YouTube lists videos without their statistics: one more call per video, so only the newest few. */
const VIDEOS = 5;

export interface SkippedNetwork {
  network: TrendNetwork;
  /** The failure's class and category, as runs record it (ConnectorError:RATE_LIMITED). */
  error: string;
  message: string;
  retryable: boolean;
}

export interface Gathered {
  items: TrendItem[];
  read: TrendNetwork[];
  skipped: SkippedNetwork[];
}

/**
 * Reads each network in a fixed order (replays line up with the recorded steps whatever order
 * the input named them in). A network whose connector fails (not connected, rate limited, down)
 * or is disabled in this deployment is skipped and reported: one network's outage should not cost
 * the others' trends.
 */
export async function gatherItems(tools: ToolInvoker, networks: readonly TrendNetwork[]): Promise<Gathered> {
  const gathered: Gathered = { items: [], read: [], skipped: [] };
  for (const network of TREND_NETWORKS.filter((n) => networks.includes(n))) {
    try {
      gathered.items.push(...(await READERS[network](tools)));
      gathered.read.push(network);
    } catch (error) {
      if (!(error instanceof ConnectorError || error instanceof ToolUnavailableError)) throw error;
      gathered.skipped.push({ network, error: errorClassOf(error), message: error.message, retryable: isRetryable(error) });
    }
  }
  return gathered;
}

const READERS: Record<TrendNetwork, (tools: ToolInvoker) => Promise<TrendItem[]>> = {
  reddit: async (tools) => {
    const { posts } = await tools.call<{ posts?: RedditPost[] }>('reddit', 'list_recent_posts', { limit: POSTS_PER_NETWORK });
    return redditItems(posts ?? []);
  },
  x: async (tools) => {
    const { posts } = await tools.call<{ posts?: XPost[] }>('x', 'list_recent_posts', { maxResults: POSTS_PER_NETWORK, excludeReplies: true, excludeReposts: true });
    return xItems(posts ?? []);
  },
  youtube: async (tools) => {
    const { videos = [] } = await tools.call<{ videos?: YoutubeVideo[] }>('youtube', 'list_recent_videos', { maxResults: VIDEOS });
    const metrics: YoutubeMetrics[] = [];
    for (const video of videos.slice(0, VIDEOS)) metrics.push(await tools.call<YoutubeMetrics>('youtube', 'get_video_metrics', { videoId: video.id }));
    return youtubeItems(videos.slice(0, VIDEOS), metrics);
  },
};
