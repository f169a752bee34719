import { excerpt } from '../../../common/text/terms';

export const TREND_NETWORKS = ['reddit', 'x', 'youtube'] as const;
export type TrendNetwork = (typeof TREND_NETWORKS)[number];

/** A post or video from any network, as trends are scored from it and as an insight cites it. */
export interface TrendItem {
  network: TrendNetwork;
  id: string;
  url: string;
  /** The title or text, cut to what an insight keeps. */
  text: string;
  createdAt: string;
  /** The network's own counts (score and comments, likes and reposts, views...). */
  metrics: Record<string, number>;
}

/** What an insight keeps of a post's text. */
export const MAX_TEXT = 280;

export interface RedditPost {
  id: string;
  title: string;
  subreddit: string;
  score: number;
  numComments: number;
  createdAt: string;
  permalink: string;
}

export interface XPost {
  id: string;
  text: string;
  createdAt: string;
  metrics: { impressions: number; likes: number; reposts: number; replies: number; quotes: number; bookmarks: number };
}

export interface YoutubeVideo {
  id: string;
  title: string;
  publishedAt: string;
}

export interface YoutubeMetrics {
  id: string;
  views: number;
  likes: number;
  comments: number;
}

/** `reddit.list_recent_posts` output. */
export function redditItems(posts: readonly RedditPost[]): TrendItem[] {
  return posts.map((p) => ({
    network: 'reddit',
    id: p.id,
    url: p.permalink,
    text: excerpt(p.title, MAX_TEXT),
    createdAt: p.createdAt,
    metrics: { score: p.score, comments: p.numComments },
  }));
}

/** `x.list_recent_posts` output: its posts carry their metrics. */
export function xItems(posts: readonly XPost[]): TrendItem[] {
  return posts.map((p) => ({
    network: 'x',
    id: p.id,
    url: `https://x.com/i/web/status/${p.id}`,
    text: excerpt(p.text, MAX_TEXT),
    createdAt: p.createdAt,
    metrics: { impressions: p.metrics.impressions, likes: p.metrics.likes, reposts: p.metrics.reposts, replies: p.metrics.replies, quotes: p.metrics.quotes, bookmarks: p.metrics.bookmarks },
  }));
}

/** `youtube.list_recent_videos` with each video's `get_video_metrics` (a video without metrics counts none). */
export function youtubeItems(videos: readonly YoutubeVideo[], metrics: readonly YoutubeMetrics[]): TrendItem[] {
  const metricsOf = new Map(metrics.map((m) => [m.id, m]));
  return videos.map((v) => {
    const m = metricsOf.get(v.id);
    return {
      network: 'youtube',
      id: v.id,
      url: `https://www.youtube.com/watch?v=${encodeURIComponent(v.id)}`,
      text: excerpt(v.title, MAX_TEXT),
      createdAt: v.publishedAt,
      metrics: { views: m?.views ?? 0, likes: m?.likes ?? 0, comments: m?.comments ?? 0 },
    };
  });
}
