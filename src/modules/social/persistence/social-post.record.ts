import type { Prisma } from '../../../generated/prisma/client';
import type { SocialPostStatus } from '../../../generated/prisma/enums';
import type { SocialNetwork } from '../network-rules';
import { networkOf } from '../social-networks';

/** The counts a sync keeps on a post (see sync/network-metrics.ts), plus what the network reported as is. */
export type PostMetrics = Record<string, unknown>;

export interface SocialPostRecord {
  id: string;
  organizationId: string;
  campaignId: string | null;
  contentId: string | null;
  /** The run that composed it. */
  runId: string | null;
  network: SocialNetwork;
  status: SocialPostStatus;
  body: string;
  title: string | null;
  mediaUrl: string | null;
  publishAt: Date | null;
  publishedAt: Date | null;
  externalId: string | null;
  externalUrl: string | null;
  metrics: PostMetrics;
  metricsSyncedAt: Date | null;
  error: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A post as the compose agent or, first, its publish stage writes it. */
export interface NewSocialPost {
  id: string;
  organizationId: string;
  network: SocialNetwork;
  status: SocialPostStatus;
  body: string;
  title?: string | null;
  mediaUrl?: string | null;
  publishAt?: Date | null;
  campaignId?: string | null;
  contentId?: string | null;
  runId?: string | null;
  error?: string | null;
}

export const SOCIAL_POST_FIELDS = {
  id: true,
  organizationId: true,
  campaignId: true,
  contentId: true,
  runId: true,
  network: true,
  status: true,
  body: true,
  title: true,
  mediaUrl: true,
  publishAt: true,
  publishedAt: true,
  externalId: true,
  externalUrl: true,
  metrics: true,
  metricsSyncedAt: true,
  error: true,
  createdAt: true,
  updatedAt: true,
} as const;

type Row = Prisma.SocialPostGetPayload<{ select: typeof SOCIAL_POST_FIELDS }>;

export function toSocialPostRecord(row: Row): SocialPostRecord {
  const metrics = typeof row.metrics === 'object' && row.metrics !== null && !Array.isArray(row.metrics) ? (row.metrics as PostMetrics) : {};
  return { ...row, network: networkOf(row.network), metrics };
}
