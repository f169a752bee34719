import { Injectable } from '@nestjs/common';
import { Transactional } from '@nestjs-cls/transactional';
import { PinoLogger } from 'nestjs-pino';
import { ValidationFailedError } from '../../common/errors/domain-errors';
import { BrandNotFoundError, BrandVoiceNotFoundError } from './brand-errors';
import type { PageQuery } from '../../common/validation/page.query';
import type { CreateVoiceDto, UpdateVoiceDto } from './dto/voice.dto';
import { BrandsRepository } from './persistence/brands.repository';
import { BrandVoicesRepository, type VoiceEmbedding, type VoiceFields, type VoiceRecord } from './persistence/brand-voices.repository';
import { type Page, pageRequestOf } from './persistence/name-page';
import { VoiceEmbedder } from './scoring/voice-embedder';

/**
 * A brand's voices. Examples are embedded before anything is written and outside the transaction
 * (a model call must not hold a database transaction open): a refused or failed embedding
 * (BudgetExceededError is the caller's 402) leaves no trace. The voice, its default flag and its
 * embedding are then written in one transaction.
 */
@Injectable()
export class BrandVoicesService {
  constructor(
    private readonly brands: BrandsRepository,
    private readonly voices: BrandVoicesRepository,
    private readonly embedder: VoiceEmbedder,
    private readonly logger: PinoLogger,
  ) {
    logger.setContext(BrandVoicesService.name);
  }

  async create(organizationId: string, brandId: string, dto: CreateVoiceDto): Promise<VoiceRecord> {
    await this.requireBrand(organizationId, brandId);
    const fields: VoiceFields = {
      name: dto.name,
      isDefault: dto.isDefault ?? false,
      tone: dto.tone ?? [],
      audience: dto.audience ?? null,
      doRules: dto.doRules ?? [],
      dontRules: dto.dontRules ?? [],
      bannedWords: dto.bannedWords ?? [],
      requiredElements: dto.requiredElements ?? [],
      minLength: dto.minLength ?? null,
      maxLength: dto.maxLength ?? null,
      examples: dto.examples,
    };
    checkLengthRange(fields.minLength, fields.maxLength);
    const embedding = await this.embedder.embedExamples(organizationId, fields.examples);
    const voice = await this.insert(organizationId, brandId, fields, embedding);
    this.logger.info({ brandId, voiceId: voice.id, isDefault: voice.isDefault }, 'brand voice created');
    return voice;
  }

  async list(organizationId: string, brandId: string, query: PageQuery): Promise<Page<VoiceRecord>> {
    await this.requireBrand(organizationId, brandId);
    return this.voices.list(organizationId, brandId, pageRequestOf(query));
  }

  async get(organizationId: string, brandId: string, id: string): Promise<VoiceRecord> {
    const voice = await this.voices.find(organizationId, brandId, id);
    if (!voice) throw new BrandVoiceNotFoundError(id);
    return voice;
  }

  async update(organizationId: string, brandId: string, id: string, dto: UpdateVoiceDto): Promise<VoiceRecord> {
    const current = await this.get(organizationId, brandId, id);
    checkLengthRange(dto.minLength !== undefined ? dto.minLength : current.minLength, dto.maxLength !== undefined ? dto.maxLength : current.maxLength);
    const examplesChanged = dto.examples !== undefined && !sameList(dto.examples, current.examples);
    const embedding = examplesChanged ? await this.embedder.embedExamples(organizationId, dto.examples!) : undefined;
    const voice = await this.change(organizationId, brandId, id, dto, embedding);
    this.logger.info({ brandId, voiceId: id, reembedded: examplesChanged }, 'brand voice updated');
    return voice;
  }

  async delete(organizationId: string, brandId: string, id: string): Promise<void> {
    if ((await this.voices.delete(organizationId, brandId, id)) === 0) throw new BrandVoiceNotFoundError(id);
    this.logger.info({ brandId, voiceId: id }, 'brand voice deleted');
  }

  /** 404 before anything is spent or written. */
  private async requireBrand(organizationId: string, brandId: string): Promise<void> {
    if (!(await this.brands.exists(organizationId, brandId))) throw new BrandNotFoundError(brandId);
  }

  @Transactional()
  private async insert(organizationId: string, brandId: string, fields: VoiceFields, embedding: VoiceEmbedding): Promise<VoiceRecord> {
    if (!(await this.brands.lock(organizationId, brandId))) throw new BrandNotFoundError(brandId);
    if (fields.isDefault) await this.voices.clearDefault(brandId);
    return this.voices.create(organizationId, brandId, fields, embedding);
  }

  @Transactional()
  private async change(organizationId: string, brandId: string, id: string, fields: Partial<VoiceFields>, embedding?: VoiceEmbedding): Promise<VoiceRecord> {
    if (!(await this.brands.lock(organizationId, brandId))) throw new BrandNotFoundError(brandId);
    if (fields.isDefault) await this.voices.clearDefault(brandId, id);
    const voice = await this.voices.update(organizationId, brandId, id, fields, embedding);
    if (!voice) throw new BrandVoiceNotFoundError(id);
    // Checked again on the row as written: a concurrent PATCH may have moved the other limit (this rolls back).
    checkLengthRange(voice.minLength, voice.maxLength);
    return voice;
  }
}

function checkLengthRange(minLength: number | null, maxLength: number | null): void {
  if (minLength !== null && maxLength !== null && minLength > maxLength) {
    throw new ValidationFailedError(['minLength', 'maxLength'], `invalid request: minLength (${minLength}) must not exceed maxLength (${maxLength})`);
  }
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}
