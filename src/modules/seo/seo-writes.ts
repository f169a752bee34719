import { Injectable } from '@nestjs/common';
import type { EditorialChannel, EditorialFormat } from './editorial-draft.dto';
import { EditorialEntriesRepository } from './persistence/editorial-entries.repository';
import { KeywordsRepository, type MeasuredKeyword } from './persistence/keywords.repository';

/** An entry the run plans, linked to its keyword by term (the keyword's id is known only once it is upserted). */
export interface PlannedEntry {
  id: string;
  title: string;
  brief: string;
  format: EditorialFormat;
  channel: EditorialChannel;
  /** YYYY-MM-DD */
  plannedFor: string;
  keyword: string;
}

/** What an SEO run writes, inside its commit transaction: keywords first, then the entries that point at them. */
@Injectable()
export class SeoWrites {
  constructor(private readonly keywords: KeywordsRepository, private readonly entries: EditorialEntriesRepository) {}

  async save(organizationId: string, runId: string, brandId: string | null, keywords: readonly MeasuredKeyword[], entries: readonly PlannedEntry[]): Promise<void> {
    const stored = await this.keywords.upsertMeasured(organizationId, runId, brandId, keywords);
    // Terms are citext: the stored spelling may differ in case from the run's.
    const idOf = new Map(stored.map((k) => [k.term.toLowerCase(), k.id]));
    await this.entries.replaceProposals(
      organizationId,
      runId,
      entries.map((e) => ({
        id: e.id,
        title: e.title,
        brief: e.brief,
        format: e.format,
        channel: e.channel,
        plannedFor: new Date(`${e.plannedFor}T00:00:00.000Z`),
        keywordId: idOf.get(e.keyword.toLowerCase()) ?? null,
        brandId,
      })),
    );
  }
}
