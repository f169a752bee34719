import type { SocialNetwork } from '../network-rules';
import type { ConnectorCall } from '../publish/network-publishers';

/**
 * The counts every network's metrics are read into. `engagement` is a count too: the
 * interactions the network reports (likes, comments, shares and its own: clicks, saves,
 * bookmarks), so a rate is engagement / impressions, and counts add up across posts and syncs.
 */
export interface PostCounts {
  impressions: number;
  likes: number;
  comments: number;
  shares?: number;
  engagement: number;
}

export const COUNT_KINDS = ['impressions', 'likes', 'comments', 'shares', 'engagement'] as const;

/** What is needed to read a post's metrics besides its network id. */
export interface MetricsContext {
  /** The LinkedIn page the social agent posts as: LinkedIn reports share statistics per organization page. */
  linkedinOrganization?: string;
}

interface MetricsReader {
  /** The read, or why this post's metrics cannot be read. */
  call(externalId: string, context: MetricsContext): ConnectorCall | { unavailable: string };
  counts(output: Record<string, unknown>): PostCounts;
}

const n = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);
const LINKEDIN_ORGANIZATION = /^urn:li:organization:\d{1,20}$/;

/**
 * Each network's per-post metrics action (read from its manifest and DTO). Facebook's connector
 * reports a Page's insights, not a post's; TikTok's publish answers a publish id, and the video id
 * its metrics need exists only once TikTok has processed the upload (the connector has no status
 * action to learn it): neither can be read per post.
 */
export const METRICS_READERS: Readonly<Partial<Record<SocialNetwork, MetricsReader>>> = {
  x: {
    call: (postId) => ({ tool: 'x', action: 'get_post_metrics', input: { postId } }),
    counts: (output) => {
      const m = (output.metrics ?? {}) as Record<string, unknown>;
      const shares = n(m.reposts) + n(m.quotes);
      return { impressions: n(m.impressions), likes: n(m.likes), comments: n(m.replies), shares, engagement: n(m.likes) + n(m.replies) + shares + n(m.bookmarks) };
    },
  },
  linkedin: {
    call: (postUrn, context) =>
      context.linkedinOrganization && LINKEDIN_ORGANIZATION.test(context.linkedinOrganization)
        ? { tool: 'linkedin', action: 'get_post_analytics', input: { postUrn, organizationUrn: context.linkedinOrganization } }
        : { unavailable: 'LinkedIn reports statistics for organization page posts only: settings.linkedinAuthor of the social agent is not an organization' },
    counts: (o) => ({ impressions: n(o.impressions), likes: n(o.likes), comments: n(o.comments), shares: n(o.shares), engagement: n(o.clicks) + n(o.likes) + n(o.comments) + n(o.shares) }),
  },
  instagram: {
    call: (mediaId) => ({ tool: 'instagram', action: 'get_media_insights', input: { mediaId } }),
    // Instagram reports views where it used to report impressions (2025).
    counts: (o) => ({ impressions: n(o.views), likes: n(o.likes), comments: n(o.comments), shares: n(o.shares), engagement: n(o.totalInteractions) }),
  },
  youtube: {
    call: (videoId) => ({ tool: 'youtube', action: 'get_video_metrics', input: { videoId } }),
    counts: (o) => ({ impressions: n(o.views), likes: n(o.likes), comments: n(o.comments), engagement: n(o.likes) + n(o.comments) }),
  },
};

export const UNREADABLE: Readonly<Partial<Record<SocialNetwork, string>>> = {
  facebook: "the Facebook connector reports a Page's insights, not a post's",
  tiktok: 'TikTok answers a publish id; the video id its metrics need is not known to the connector',
};

/** How much each count moved since the last sync (the first sync moves them from zero); unchanged counts are left out. */
export function countChanges(previous: Record<string, unknown>, current: PostCounts): Array<{ kind: string; value: number }> {
  return COUNT_KINDS.flatMap((kind) => {
    const now = current[kind];
    if (now === undefined) return [];
    const change = now - n(previous[kind]);
    return change === 0 ? [] : [{ kind, value: change }];
  });
}
