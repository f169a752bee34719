import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterPrisma } from '@nestjs-cls/transactional-adapter-prisma';
import { Prisma } from '../../../generated/prisma/client';
import { PrismaService } from '../../../infra/prisma/prisma.service';
import { DuplicateKeywordError } from '../seo-errors';
import { decodeKeyset, type Page, pageOf } from './keyset';

export interface KeywordRecord {
  id: string;
  brandId: string | null;
  term: string;
  cluster: string | null;
  intent: string | null;
  impressions: number;
  clicks: number;
  ctr: number;
  position: number | null;
  source: string;
  runId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A keyword as a Search Console run measured it. */
export interface MeasuredKeyword {
  term: string;
  cluster: string;
  impressions: number;
  clicks: number;
  ctr: number;
  position: number;
}

export interface KeywordFilters {
  cluster?: string;
  q?: string;
  brandId?: string;
}

const FIELDS = {
  id: true,
  brandId: true,
  term: true,
  cluster: true,
  intent: true,
  impressions: true,
  clicks: true,
  ctr: true,
  position: true,
  source: true,
  runId: true,
  createdAt: true,
  updatedAt: true,
} as const;

/** Keywords by organization; terms are citext, so every comparison of terms ignores case. */
@Injectable()
export class KeywordsRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterPrisma<PrismaService>>) {}

  private get tx() {
    return this.txHost.tx;
  }

  /**
   * One statement for a run's keywords: new terms inserted, known ones (in any case) updated with
   * the run's figures and cluster, keeping their spelling and intent, and their brand unless the
   * run names one. DISTINCT ON guards the one-row-once rule of ON CONFLICT, should two spellings the
   * caller thought different be one to citext. Answers each keyword's id and stored term.
   */
  async upsertMeasured(organizationId: string, runId: string, brandId: string | null, keywords: readonly MeasuredKeyword[]): Promise<Array<{ id: string; term: string }>> {
    if (keywords.length === 0) return [];
    const column = <K extends keyof MeasuredKeyword>(key: K) => keywords.map((k) => k[key]);
    return this.tx.$queryRaw<Array<{ id: string; term: string }>>`
      INSERT INTO keywords (organization_id, brand_id, term, cluster, impressions, clicks, ctr, position, source, run_id, updated_at)
      SELECT DISTINCT ON (m.term) ${organizationId}::uuid, ${brandId}::uuid, m.term, m.cluster, m.impressions, m.clicks, m.ctr, m.position, 'search_console', ${runId}::uuid, now()
      FROM unnest(${column('term')}::citext[], ${column('cluster')}::text[], ${column('impressions')}::int[], ${column('clicks')}::int[], ${column('ctr')}::float8[], ${column('position')}::float8[])
        AS m(term, cluster, impressions, clicks, ctr, position)
      ON CONFLICT (organization_id, term) DO UPDATE SET
        cluster = EXCLUDED.cluster, impressions = EXCLUDED.impressions, clicks = EXCLUDED.clicks, ctr = EXCLUDED.ctr, position = EXCLUDED.position,
        source = EXCLUDED.source, run_id = EXCLUDED.run_id, brand_id = COALESCE(EXCLUDED.brand_id, keywords.brand_id), updated_at = now()
      RETURNING id, term::text AS term`;
  }

  async create(organizationId: string, fields: { term: string; cluster: string | null; intent: string | null; brandId: string | null }): Promise<KeywordRecord> {
    try {
      return await this.tx.keyword.create({ data: { organizationId, ...fields, source: 'manual' }, select: FIELDS });
    } catch (error) {
      throw (error as { code?: unknown }).code === 'P2002' ? new DuplicateKeywordError(fields.term) : error;
    }
  }

  find(organizationId: string, id: string): Promise<KeywordRecord | null> {
    return this.tx.keyword.findFirst({ where: { id, organizationId }, select: FIELDS });
  }

  /**
   * By term, as citext orders it; the term is the keyset (unique within the organization). Raw
   * SQL because the term comparisons must be citext to citext: a text parameter would make them
   * case-sensitive, and pages would skip or repeat terms that differ only in case. (The ORDER BY
   * names the table's column: a bare `term` would be the text alias in the select list.)
   */
  async list(organizationId: string, filters: KeywordFilters, page: { limit: number; cursor?: string }): Promise<Page<KeywordRecord>> {
    const after = page.cursor ? decodeKeyset(page.cursor, 1, 'text')[0] : undefined;
    const conditions = [
      Prisma.sql`organization_id = ${organizationId}::uuid`,
      ...(after !== undefined ? [Prisma.sql`term > ${after}::citext`] : []),
      ...(filters.q !== undefined ? [Prisma.sql`term LIKE ${`%${escapeLike(filters.q)}%`}::citext`] : []),
      ...(filters.cluster !== undefined ? [Prisma.sql`cluster::citext = ${filters.cluster}::citext`] : []),
      ...(filters.brandId !== undefined ? [Prisma.sql`brand_id = ${filters.brandId}::uuid`] : []),
    ];
    const rows = await this.tx.$queryRaw<KeywordRecord[]>`
      SELECT id, brand_id AS "brandId", term::text AS term, cluster, intent, impressions, clicks, ctr, position, source, run_id AS "runId",
        created_at AS "createdAt", updated_at AS "updatedAt"
      FROM keywords WHERE ${Prisma.join(conditions, ' AND ')}
      ORDER BY keywords.term LIMIT ${page.limit + 1}`;
    return pageOf(rows, page.limit, (r) => [r.term]);
  }

  /** Null when the keyword is not the organization's. */
  async update(organizationId: string, id: string, fields: { cluster?: string | null; intent?: string | null }): Promise<KeywordRecord | null> {
    try {
      return await this.tx.keyword.update({ where: { id, organizationId }, data: fields, select: FIELDS });
    } catch (error) {
      if ((error as { code?: unknown }).code === 'P2025') return null;
      throw error;
    }
  }

  /** Its editorial entries stay, unlinked (ON DELETE SET NULL). Returns the rows deleted: 0 or 1. */
  async delete(organizationId: string, id: string): Promise<number> {
    return (await this.tx.keyword.deleteMany({ where: { id, organizationId } })).count;
  }
}

/** LIKE's wildcards and its escape character, taken literally. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
