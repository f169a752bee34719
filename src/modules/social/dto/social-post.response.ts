import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SocialPostStatus } from '../../../generated/prisma/enums';
import { SOCIAL_NETWORKS, type SocialNetwork } from '../network-rules';
import type { SocialPostRecord } from '../persistence/social-post.record';

const iso = (date: Date | null): string | null => date?.toISOString() ?? null;

export class SocialPostView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: SOCIAL_NETWORKS }) network!: SocialNetwork;
  @ApiProperty({ enum: Object.values(SocialPostStatus), description: 'SCHEDULED: approved, its publication queued (until publishAt); PUBLISHED: on the network (externalId, externalUrl); FAILED: error says why; REJECTED: declined or not reviewed in time' })
  status!: SocialPostStatus;
  @ApiProperty({ description: 'The post, caption or (YouTube) description' }) body!: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: "YouTube's video title" }) title!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: "Instagram's image, TikTok's video, the YouTube video's page" }) mediaUrl!: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) publishAt!: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) publishedAt!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: "The network's id of the post (TikTok: its publish id)", example: '1879012345678901234' }) externalId!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'https://x.com/i/web/status/1879012345678901234' }) externalUrl!: string | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'The latest counts read back (impressions, likes, comments, shares, engagement = interactions) and what the network reported; {} before the first sync',
  })
  metrics!: Record<string, unknown>;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) metricsSyncedAt!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Why it failed (or what the network rules found)' }) error!: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) campaignId!: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) contentId!: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'The run that composed it' }) runId!: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt!: string;
}

export class SocialPostPage {
  @ApiProperty({ type: [SocialPostView] }) items!: SocialPostView[];
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Pass as cursor for the next page; null on the last page' }) nextCursor!: string | null;
}

export function toSocialPostView(post: SocialPostRecord): SocialPostView {
  return {
    id: post.id,
    network: post.network,
    status: post.status,
    body: post.body,
    title: post.title,
    mediaUrl: post.mediaUrl,
    publishAt: iso(post.publishAt),
    publishedAt: iso(post.publishedAt),
    externalId: post.externalId,
    externalUrl: post.externalUrl,
    metrics: post.metrics,
    metricsSyncedAt: iso(post.metricsSyncedAt),
    error: post.error,
    campaignId: post.campaignId,
    contentId: post.contentId,
    runId: post.runId,
    createdAt: post.createdAt.toISOString(),
    updatedAt: post.updatedAt.toISOString(),
  };
}
