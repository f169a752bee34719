import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../../../config/config.module';
import type { AppConfig } from '../../../config/app-config';
import { MeteredLlm } from '../../llm/usage/metered-llm';
import { EmbeddingSpaces } from '../../llm/vectors/embedding-spaces';
import { ChunksRepository } from '../chunks/chunks.repository';
import { cutIntoChunks, embedInBatches } from '../chunks/embed-chunks';
import { contentHash } from '../intake/content-hash';
import type { IntakeJob } from './intake-jobs';
import { IntakeLedger, type IntakeState } from './intake-ledger';

/** What intake's model calls are recorded as in the model_usage ledger (they belong to no run). */
export const INTAKE_PURPOSE = 'knowledge.intake';

/**
 * intake.embed: the version's text cut into chunks, embedded in batches on the organization's
 * budget (and in its usage ledger), stored; then, in one statement, the document turns READY and older versions' chunks go.
 * A re-run after a crash embeds only the positions not stored yet.
 */
@Injectable()
export class EmbedStage {
  constructor(
    private readonly ledger: IntakeLedger,
    private readonly chunks: ChunksRepository,
    private readonly llm: MeteredLlm,
    private readonly spaces: EmbeddingSpaces,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async run(job: IntakeJob): Promise<IntakeState | null> {
    const work = await this.ledger.claimEmbed(job.documentId, job.version);
    if (!work) return null;
    const space = await this.spaces.currentSpace();
    const stored = await this.ledger.chunkPositions(work.id, work.version);
    const todo = cutIntoChunks(work.text, this.config.knowledge).filter((chunk) => !stored.has(chunk.position));
    let gone = false;
    const owner = { organizationId: work.organizationId, datasetId: work.datasetId, documentId: work.id, documentVersion: work.version, embeddingSpaceId: space.id };
    await embedInBatches(
      todo,
      async (texts) => {
        const answer = await this.llm.embed({ organizationId: work.organizationId, outsideRun: INTAKE_PURPOSE }, texts);
        return { embeddings: answer.embeddings, tokens: answer.usage.inputTokens };
      },
      async (rows, tokens) => {
        if (!(await this.chunks.insert(owner, rows))) {
          gone = true;
          return false;
        }
        await this.ledger.addEmbeddingTokens(work.id, work.version, tokens);
        return true;
      },
    );
    // Deleted while it was embedded: no more tokens are spent on it.
    if (gone) return null;
    return this.ledger.embedded(work.id, work.version, contentHash(work.text), space.id);
  }
}
