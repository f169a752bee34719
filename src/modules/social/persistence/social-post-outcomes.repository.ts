import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterPrisma } from '@nestjs-cls/transactional-adapter-prisma';
import type { Prisma } from '../../../generated/prisma/client';
import { PrismaService } from '../../../infra/prisma/prisma.service';
import type { SocialNetwork } from '../network-rules';
import { networkColumn } from '../social-networks';
import { type NewSocialPost, type PostMetrics, SOCIAL_POST_FIELDS, type SocialPostRecord, toSocialPostRecord } from './social-post.record';

/**
 * Networks where publishing sets an existing item rather than making a new one: YouTube's post is a
 * video's new title and description, so a second post of the same video takes its id over.
 */
const REUSED_EXTERNAL_IDS: readonly SocialNetwork[] = ['youtube'];

/** How a publication ended, as its stage records it. */
export type PublicationOutcome =
  | { status: 'PUBLISHED'; body: string; title: string | null; externalId: string; externalUrl: string | null }
  | { status: 'FAILED'; error: string };

/**
 * The agents' writes (each inside a run's commit, through `txHost.tx`) and the reads that decide
 * them (inside a tool step, so a resumed run replays what was read).
 */
@Injectable()
export class SocialPostOutcomesRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterPrisma<PrismaService>>) {}

  private get tx() {
    return this.txHost.tx;
  }

  /**
   * The compose agent's rows. A row already there is left alone: its publish stage, which may
   * commit before the compose run does, wrote it with what actually happened.
   */
  async insertComposed(posts: NewSocialPost[]): Promise<void> {
    if (posts.length === 0) return;
    await this.tx.socialPost.createMany({ data: posts.map(dataOf), skipDuplicates: true });
  }

  /**
   * The stage's outcome on the post, creating it from what the stage was given if the compose
   * run has not committed yet. An external id is one post's on its network: a video whose
   * metadata a later post set again belongs to the later post, and the earlier one says so.
   */
  async recordPublication(post: NewSocialPost, outcome: PublicationOutcome): Promise<void> {
    const fields = outcome.status === 'PUBLISHED'
      ? { status: outcome.status, body: outcome.body, title: outcome.title, externalId: outcome.externalId, externalUrl: outcome.externalUrl, publishedAt: new Date(), error: null }
      : { status: outcome.status, error: outcome.error };
    if (outcome.status === 'PUBLISHED' && REUSED_EXTERNAL_IDS.includes(post.network)) await this.releaseExternalId(post.organizationId, post.network, outcome.externalId, post.id);
    await this.tx.socialPost.upsert({ where: { id: post.id, organizationId: post.organizationId }, create: { ...dataOf(post), ...fields }, update: fields, select: { id: true } });
  }

  private async releaseExternalId(organizationId: string, network: SocialNetwork, externalId: string, keeper: string): Promise<void> {
    await this.tx.socialPost.updateMany({
      where: { organizationId, network: networkColumn(network), externalId, id: { not: keeper } },
      data: { externalId: null, error: `superseded by social post ${keeper}, which set the same ${network} item again` },
    });
  }

  /** The organization's published posts with a network id since `since`, newest first. */
  async publishedSince(organizationId: string, since: Date, limit: number): Promise<SocialPostRecord[]> {
    const rows = await this.tx.socialPost.findMany({
      where: { organizationId, status: 'PUBLISHED', publishedAt: { gte: since }, externalId: { not: null } },
      select: SOCIAL_POST_FIELDS,
      orderBy: [{ publishedAt: 'desc' }, { id: 'desc' }],
      take: limit,
    });
    return rows.map(toSocialPostRecord);
  }

  async saveMetrics(organizationId: string, id: string, metrics: PostMetrics): Promise<void> {
    await this.tx.socialPost.updateMany({ where: { id, organizationId }, data: { metrics: metrics as Prisma.InputJsonValue, metricsSyncedAt: new Date() } });
  }
}

function dataOf(post: NewSocialPost): Prisma.SocialPostUncheckedCreateInput {
  return {
    id: post.id,
    organizationId: post.organizationId,
    network: networkColumn(post.network),
    status: post.status,
    body: post.body,
    title: post.title ?? null,
    mediaUrl: post.mediaUrl ?? null,
    publishAt: post.publishAt ?? null,
    campaignId: post.campaignId ?? null,
    contentId: post.contentId ?? null,
    runId: post.runId ?? null,
    error: post.error ?? null,
  };
}
