import { Injectable } from '@nestjs/common';
import type { IntakeJob } from './intake-jobs';
import { IntakeLedger, type IntakeState } from './intake-ledger';
import { SourceFetcher } from './source-fetcher';

/** intake.fetch: a URL document's bytes and media type, stored for normalize. */
@Injectable()
export class FetchStage {
  constructor(private readonly ledger: IntakeLedger, private readonly fetcher: SourceFetcher) {}

  /** The document's state after the stage, or null when it no longer waits on this fetch. */
  async run(job: IntakeJob): Promise<IntakeState | null> {
    const work = await this.ledger.claimFetch(job.documentId, job.version);
    if (!work) return null;
    const fetched = await this.fetcher.fetch(work.sourceUrl);
    return this.ledger.fetched(work.id, work.version, fetched.bytes, fetched.contentType);
  }
}
