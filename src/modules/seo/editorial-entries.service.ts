import { Injectable } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { ValidationFailedError } from '../../common/errors/domain-errors';
import { dayOf } from './dto/fields';
import type { CreateEditorialEntryDto, ListEditorialEntriesQuery, UpdateEditorialEntryDto } from './dto/editorial-entry.dto';
import { canMove } from './editorial-transitions';
import { EditorialEntriesRepository, type EditorialEntryFields, type EditorialEntryRecord } from './persistence/editorial-entries.repository';
import { BrandRefsRepository } from './persistence/brand-refs.repository';
import type { Page } from './persistence/keyset';
import { KeywordsRepository } from './persistence/keywords.repository';
import { EditorialEntryNotFoundError, EditorialTransitionError, KeywordNotFoundError, SeoBrandNotFoundError } from './seo-errors';

const DEFAULT_PAGE_SIZE = 50;

/** The editorial calendar as people review and run it: entries the SEO agent proposed, and their own. */
@Injectable()
export class EditorialEntriesService {
  constructor(private readonly entries: EditorialEntriesRepository, private readonly keywords: KeywordsRepository, private readonly brands: BrandRefsRepository, private readonly logger: PinoLogger) {
    logger.setContext(EditorialEntriesService.name);
  }

  async create(organizationId: string, dto: CreateEditorialEntryDto): Promise<EditorialEntryRecord> {
    const keyword = dto.keywordId ? await this.keywords.find(organizationId, dto.keywordId) : null;
    if (dto.keywordId && !keyword) throw new KeywordNotFoundError(dto.keywordId);
    if (dto.brandId && !(await this.brands.isOwn(organizationId, dto.brandId))) throw new SeoBrandNotFoundError(dto.brandId);
    const entry = await this.entries.create(organizationId, {
      title: dto.title,
      brief: dto.brief ?? null,
      format: dto.format,
      channel: dto.channel ?? null,
      plannedFor: dayOf(dto.plannedFor),
      status: dto.status ?? 'PLANNED',
      keywordId: keyword?.id ?? null,
      brandId: dto.brandId ?? keyword?.brandId ?? null,
    });
    this.logger.info({ editorialEntryId: entry.id }, 'editorial entry created');
    return entry;
  }

  list(organizationId: string, query: ListEditorialEntriesQuery): Promise<Page<EditorialEntryRecord>> {
    if (query.from && query.to && query.from > query.to) throw new ValidationFailedError(['from', 'to'], 'invalid request: from must not be after to');
    const filters = { status: query.status, keywordId: query.keywordId, from: query.from ? dayOf(query.from) : undefined, to: query.to ? dayOf(query.to) : undefined };
    return this.entries.list(organizationId, filters, { limit: query.limit ?? DEFAULT_PAGE_SIZE, cursor: query.cursor });
  }

  async get(organizationId: string, id: string): Promise<EditorialEntryRecord> {
    const entry = await this.entries.find(organizationId, id);
    if (!entry) throw new EditorialEntryNotFoundError(id);
    return entry;
  }

  /**
   * The move is checked against the status read, and written only if the entry still has it: two
   * people moving one entry at once cannot both skip a step (the later one gets 409).
   */
  async update(organizationId: string, id: string, dto: UpdateEditorialEntryDto): Promise<EditorialEntryRecord> {
    const current = await this.get(organizationId, id);
    if (dto.status !== undefined && !canMove(current.status, dto.status)) throw new EditorialTransitionError(current.status, dto.status);
    const changes: Partial<EditorialEntryFields> = {
      ...(dto.title !== undefined ? { title: dto.title } : {}),
      ...(dto.brief !== undefined ? { brief: dto.brief } : {}),
      ...(dto.format !== undefined ? { format: dto.format } : {}),
      ...(dto.channel !== undefined ? { channel: dto.channel } : {}),
      ...(dto.plannedFor !== undefined ? { plannedFor: dayOf(dto.plannedFor) } : {}),
      ...(dto.status !== undefined ? { status: dto.status } : {}),
    };
    const updated = await this.entries.update(organizationId, id, dto.status !== undefined ? current.status : undefined, changes);
    if (updated) return updated;
    if (dto.status === undefined) throw new EditorialEntryNotFoundError(id);
    throw new EditorialTransitionError((await this.get(organizationId, id)).status, dto.status);
  }
}
