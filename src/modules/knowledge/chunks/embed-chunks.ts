import { chunkText, type Chunk } from '../intake/chunker';
import type { EmbeddedChunk } from './chunk-rows';

/** Chunks embedded per model call: large enough to amortise a round trip, small enough for every provider's request limit. */
export const EMBED_BATCH_SIZE = 64;

export interface Chunking {
  chunkTokens: number;
  chunkOverlap: number;
}

/** The embedding call a batch goes through, and the tokens it was billed. */
export type EmbedBatch = (texts: string[]) => Promise<{ embeddings: number[][]; tokens: number }>;

/** Where an embedded batch is written; called once per batch, in position order. Answering false stops the embedding. */
export type StoreBatch = (chunks: EmbeddedChunk[], tokens: number) => Promise<boolean | void>;

/** A document's text as the chunks intake embeds. Deterministic: the same text always cuts the same way. */
export function cutIntoChunks(text: string, chunking: Chunking): Chunk[] {
  return chunkText(text, { maxTokens: chunking.chunkTokens, overlapTokens: chunking.chunkOverlap });
}

/**
 * Embeds `chunks` batch by batch and stores each batch before asking for the next, so a crash
 * loses at most one batch's work and the memory held is one batch's vectors. A store that answers
 * false (its document is gone) ends the work. Answers the tokens billed in total.
 */
export async function embedInBatches(chunks: readonly Chunk[], embed: EmbedBatch, store: StoreBatch, batchSize = EMBED_BATCH_SIZE): Promise<number> {
  let billed = 0;
  for (let start = 0; start < chunks.length; start += batchSize) {
    const batch = chunks.slice(start, start + batchSize);
    const { embeddings, tokens } = await embed(batch.map((c) => c.text));
    if (embeddings.length !== batch.length) throw new Error(`the embedding model answered ${embeddings.length} vectors for ${batch.length} texts`);
    billed += tokens;
    const stored = await store(
      batch.map((c, i) => ({ position: c.position, text: c.text, tokenCount: c.tokenCount, embedding: embeddings[i] })),
      tokens,
    );
    if (stored === false) break;
  }
  return billed;
}
