import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterPrisma } from '@nestjs-cls/transactional-adapter-prisma';
import type { Prisma } from '../../../generated/prisma/client';
import type { SocialPostStatus } from '../../../generated/prisma/enums';
import { PrismaService } from '../../../infra/prisma/prisma.service';
import type { SocialNetwork } from '../network-rules';
import { networkColumn } from '../social-networks';
import { SOCIAL_POST_FIELDS, type SocialPostRecord, toSocialPostRecord } from './social-post.record';

export interface SocialPostFilter {
  status?: SocialPostStatus;
  network?: SocialNetwork;
  campaignId?: string;
}

export interface SocialPostPageRequest {
  limit: number;
  after?: { createdAt: Date; id: string };
}

/** What a person may change on a post before it is published. */
export interface EditableFields {
  body?: string;
  title?: string | null;
  mediaUrl?: string | null;
  publishAt?: Date | null;
}

/** Posts still editable: nothing has gone out, and nothing will without a person's say (DRAFT) or at its time (SCHEDULED). */
export const EDITABLE_STATUSES: SocialPostStatus[] = ['DRAFT', 'SCHEDULED'];

/** Posts as people read and edit them; every statement is the organization's (another's post is not found). */
@Injectable()
export class SocialPostsRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterPrisma<PrismaService>>) {}

  private get tx() {
    return this.txHost.tx;
  }

  async find(organizationId: string, id: string): Promise<SocialPostRecord | null> {
    const row = await this.tx.socialPost.findFirst({ where: { id, organizationId }, select: SOCIAL_POST_FIELDS });
    return row ? toSocialPostRecord(row) : null;
  }

  /** Newest first; (createdAt, id) is the keyset. One more row than asked tells whether a next page exists. */
  async list(organizationId: string, filter: SocialPostFilter, page: SocialPostPageRequest): Promise<SocialPostRecord[]> {
    const after = page.after;
    const where: Prisma.SocialPostWhereInput = {
      organizationId,
      ...(filter.status ? { status: filter.status } : {}),
      ...(filter.network ? { network: networkColumn(filter.network) } : {}),
      ...(filter.campaignId ? { campaignId: filter.campaignId } : {}),
      ...(after ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] } : {}),
    };
    const rows = await this.tx.socialPost.findMany({ where, select: SOCIAL_POST_FIELDS, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: page.limit + 1 });
    return rows.map(toSocialPostRecord);
  }

  /**
   * Changes the post only while it is still editable, in one statement: a publication committing
   * at the same moment either lands first (nothing changes here, and the caller says why) or
   * after (it publishes what it read before). Null when nothing was changed.
   */
  async updateEditable(organizationId: string, id: string, fields: EditableFields): Promise<SocialPostRecord | null> {
    const [row] = await this.tx.socialPost.updateManyAndReturn({ where: { id, organizationId, status: { in: EDITABLE_STATUSES } }, data: fields, select: SOCIAL_POST_FIELDS });
    return row ? toSocialPostRecord(row) : null;
  }

  async campaignExists(organizationId: string, id: string): Promise<boolean> {
    return (await this.tx.campaign.count({ where: { id, organizationId } })) > 0;
  }

  async contentExists(organizationId: string, id: string): Promise<boolean> {
    return (await this.tx.content.count({ where: { id, organizationId } })) > 0;
  }
}
