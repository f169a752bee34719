import { Injectable } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import type { CreateKeywordDto, ListKeywordsQuery, UpdateKeywordDto } from './dto/keyword.dto';
import { BrandRefsRepository } from './persistence/brand-refs.repository';
import type { Page } from './persistence/keyset';
import { type KeywordRecord, KeywordsRepository } from './persistence/keywords.repository';
import { KeywordNotFoundError, SeoBrandNotFoundError } from './seo-errors';

const DEFAULT_PAGE_SIZE = 50;

/** The organization's keywords as people manage them; SEO runs write theirs through SeoWrites. */
@Injectable()
export class KeywordsService {
  constructor(private readonly keywords: KeywordsRepository, private readonly brands: BrandRefsRepository, private readonly logger: PinoLogger) {
    logger.setContext(KeywordsService.name);
  }

  async create(organizationId: string, dto: CreateKeywordDto): Promise<KeywordRecord> {
    if (dto.brandId && !(await this.brands.isOwn(organizationId, dto.brandId))) throw new SeoBrandNotFoundError(dto.brandId);
    const keyword = await this.keywords.create(organizationId, { term: dto.term, cluster: dto.cluster ?? null, intent: dto.intent ?? null, brandId: dto.brandId ?? null });
    this.logger.info({ keywordId: keyword.id }, 'keyword created');
    return keyword;
  }

  list(organizationId: string, query: ListKeywordsQuery): Promise<Page<KeywordRecord>> {
    return this.keywords.list(organizationId, { cluster: query.cluster, q: query.q, brandId: query.brandId }, { limit: query.limit ?? DEFAULT_PAGE_SIZE, cursor: query.cursor });
  }

  async get(organizationId: string, id: string): Promise<KeywordRecord> {
    const keyword = await this.keywords.find(organizationId, id);
    if (!keyword) throw new KeywordNotFoundError(id);
    return keyword;
  }

  async update(organizationId: string, id: string, dto: UpdateKeywordDto): Promise<KeywordRecord> {
    const changes = { ...(dto.cluster !== undefined ? { cluster: dto.cluster } : {}), ...(dto.intent !== undefined ? { intent: dto.intent } : {}) };
    const keyword = await this.keywords.update(organizationId, id, changes);
    if (!keyword) throw new KeywordNotFoundError(id);
    return keyword;
  }

  /** Its editorial entries stay, no longer linked to it. */
  async delete(organizationId: string, id: string): Promise<void> {
    if ((await this.keywords.delete(organizationId, id)) === 0) throw new KeywordNotFoundError(id);
    this.logger.info({ keywordId: id }, 'keyword deleted');
  }
}
