import { Injectable } from '@nestjs/common';
import { decodeCursor, encodeCursor } from '../../common/validation/page-cursor';
import { ContentNotFoundError } from './content-errors';
import type { ListContentQuery } from './dto/list-content.query';
import { type ContentRecord, ContentsRepository, type ContentVersionRecord } from './persistence/contents.repository';

const DEFAULT_PAGE_SIZE = 20;

/** Content as the organization reads it: pages of it, newest first, and one piece with its versions. */
@Injectable()
export class ContentQueries {
  constructor(private readonly contents: ContentsRepository) {}

  async list(organizationId: string, query: ListContentQuery): Promise<{ items: ContentRecord[]; nextCursor: string | null }> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const filter = { status: query.status, kind: query.kind, brandId: query.brandId, campaignId: query.campaignId, q: query.q };
    const rows = await this.contents.list(organizationId, filter, { limit, ...(query.cursor ? { after: decodeCursor(query.cursor) } : {}) });
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
  }

  async get(organizationId: string, id: string): Promise<{ content: ContentRecord; versions: ContentVersionRecord[] }> {
    const content = await this.contents.find(organizationId, id);
    if (!content) throw new ContentNotFoundError(id);
    return { content, versions: await this.contents.versions(organizationId, id) };
  }
}
