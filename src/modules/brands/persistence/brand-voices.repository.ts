import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterPrisma } from '@nestjs-cls/transactional-adapter-prisma';
import { PrismaService } from '../../../infra/prisma/prisma.service';
import { toVectorLiteral } from '../../llm/vectors/stored-vector';
import { DuplicateNameError } from '../brand-errors';
import { pageOf, type Page, type PageRequest } from './name-page';
import { isRecordNotFound, isUniqueViolation } from './prisma-codes';

export interface VoiceFields {
  name: string;
  isDefault: boolean;
  tone: string[];
  audience: string | null;
  doRules: string[];
  dontRules: string[];
  bannedWords: string[];
  requiredElements: string[];
  minLength: number | null;
  maxLength: number | null;
  examples: string[];
}

export interface VoiceRecord extends VoiceFields {
  id: string;
  brandId: string;
  /** The model that embedded the examples; null while they have no embedding. The vector itself never leaves the database layer. */
  embeddingSpace: { provider: string; model: string } | null;
  createdAt: Date;
  updatedAt: Date;
}

/** The examples' embedding to store with a write: the vector (model dimensions) and its space. */
export interface VoiceEmbedding {
  vector: number[];
  spaceId: string;
}

const VOICE_FIELDS = {
  id: true,
  brandId: true,
  name: true,
  isDefault: true,
  tone: true,
  audience: true,
  doRules: true,
  dontRules: true,
  bannedWords: true,
  requiredElements: true,
  minLength: true,
  maxLength: true,
  examples: true,
  embeddingSpace: { select: { provider: true, model: true } },
  createdAt: true,
  updatedAt: true,
} as const;

/**
 * Brand voices through the open transaction (`txHost.tx`): the service writes a voice, its default
 * flag and its embedding in one transaction. Prisma cannot write the Unsupported vector column, so
 * the vector goes in by a raw statement of the same transaction; the space id by Prisma, in the
 * write that returns the record, so the record says which model embedded it.
 */
@Injectable()
export class BrandVoicesRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterPrisma<PrismaService>>) {}

  private get tx() {
    return this.txHost.tx;
  }

  /** Unsets the brand's default voice (but `keepId`'s): at most one default per brand. */
  async clearDefault(brandId: string, keepId?: string): Promise<void> {
    await this.tx.brandVoice.updateMany({ where: { brandId, isDefault: true, ...(keepId ? { NOT: { id: keepId } } : {}) }, data: { isDefault: false } });
  }

  async create(organizationId: string, brandId: string, fields: VoiceFields, embedding: VoiceEmbedding): Promise<VoiceRecord> {
    let voice: VoiceRecord;
    try {
      voice = await this.tx.brandVoice.create({ data: { organizationId, brandId, ...fields, embeddingSpaceId: embedding.spaceId }, select: VOICE_FIELDS });
    } catch (error) {
      throw isUniqueViolation(error) ? new DuplicateNameError('brand voice', fields.name) : error;
    }
    await this.writeVector(voice.id, embedding.vector);
    return voice;
  }

  /** Null when the voice is not this brand's (of this organization). */
  async update(organizationId: string, brandId: string, id: string, fields: Partial<VoiceFields>, embedding?: VoiceEmbedding): Promise<VoiceRecord | null> {
    let voice: VoiceRecord;
    try {
      voice = await this.tx.brandVoice.update({
        where: { id, brandId, organizationId },
        data: { ...fields, ...(embedding ? { embeddingSpaceId: embedding.spaceId } : {}) },
        select: VOICE_FIELDS,
      });
    } catch (error) {
      if (isRecordNotFound(error)) return null;
      throw isUniqueViolation(error) && fields.name !== undefined ? new DuplicateNameError('brand voice', fields.name) : error;
    }
    if (embedding) await this.writeVector(id, embedding.vector);
    return voice;
  }

  find(organizationId: string, brandId: string, id: string): Promise<VoiceRecord | null> {
    return this.tx.brandVoice.findFirst({ where: { id, brandId, organizationId }, select: VOICE_FIELDS });
  }

  async list(organizationId: string, brandId: string, page: PageRequest): Promise<Page<VoiceRecord>> {
    const rows = await this.tx.brandVoice.findMany({
      where: { brandId, organizationId, ...(page.after !== undefined ? { name: { gt: page.after } } : {}) },
      select: VOICE_FIELDS,
      orderBy: { name: 'asc' },
      take: page.limit + 1,
    });
    return pageOf(rows, page.limit);
  }

  /** Returns the rows deleted: 0 or 1. */
  async delete(organizationId: string, brandId: string, id: string): Promise<number> {
    return (await this.tx.brandVoice.deleteMany({ where: { id, brandId, organizationId } })).count;
  }

  private async writeVector(id: string, vector: number[]): Promise<void> {
    await this.tx.$executeRaw`UPDATE brand_voices SET embedding = ${toVectorLiteral(vector)}::vector WHERE id = ${id}::uuid`;
  }
}
