import { Injectable } from '@nestjs/common';
import { contentHash } from '../intake/content-hash';
import { IntakeError } from '../intake/intake-error';
import { normalizeDocument } from '../intake/normalize';
import type { IntakeJob } from './intake-jobs';
import { IntakeLedger, type IntakeState } from './intake-ledger';

/**
 * intake.normalize: bytes (fetched, uploaded or posted) to text. Text whose hash is the one the
 * document's searchable chunks were cut from changes nothing: the document is READY again at the
 * same version. Other text is a new version, for embed.
 */
@Injectable()
export class NormalizeStage {
  constructor(private readonly ledger: IntakeLedger) {}

  async run(job: IntakeJob): Promise<IntakeState | null> {
    const work = await this.ledger.claimNormalize(job.documentId, job.version);
    if (!work) return null;
    if (!work.rawContent || !work.mimeType) throw new IntakeError('UNREADABLE_DOCUMENT', 'the document has no content to read');
    const document = await normalizeDocument(work.mimeType, work.rawContent);
    if (contentHash(document.text) === work.contentHash) return this.ledger.unchanged(work.id, work.version, document.title);
    return this.ledger.changed(work.id, work.version, document.text, document.title);
  }
}
