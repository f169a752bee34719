import { Injectable } from '@nestjs/common';
import { decodeCursor, encodeCursor } from '../../common/validation/page-cursor';
import type { ListSocialPostsQuery } from './dto/social-post-requests.dto';
import type { SocialPostRecord } from './persistence/social-post.record';
import { SocialPostsRepository } from './persistence/social-posts.repository';
import { SocialPostNotFoundError } from './social-errors';

const DEFAULT_PAGE_SIZE = 20;

/** Posts as the organization reads them: newest first, filtered, with cursor pagination. */
@Injectable()
export class SocialPostQueries {
  constructor(private readonly posts: SocialPostsRepository) {}

  async list(organizationId: string, query: ListSocialPostsQuery): Promise<{ items: SocialPostRecord[]; nextCursor: string | null }> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const filter = { status: query.status, network: query.network, campaignId: query.campaignId };
    const rows = await this.posts.list(organizationId, filter, { limit, ...(query.cursor ? { after: decodeCursor(query.cursor) } : {}) });
    const items = rows.slice(0, limit);
    return { items, nextCursor: rows.length > limit ? encodeCursor(items[items.length - 1]) : null };
  }

  async get(organizationId: string, id: string): Promise<SocialPostRecord> {
    const post = await this.posts.find(organizationId, id);
    if (!post) throw new SocialPostNotFoundError(id);
    return post;
  }
}
