import type { EmbeddingModelV3 } from '@ai-sdk/provider';
import { embedMany } from 'ai';
import type { PrismaClient } from '../../../generated/prisma/client';
import { INSERT_CHUNKS_SQL, insertChunksParams } from '../../../modules/knowledge/chunks/chunk-rows';
import { cutIntoChunks, embedInBatches, type Chunking } from '../../../modules/knowledge/chunks/embed-chunks';
import { contentHash } from '../../../modules/knowledge/intake/content-hash';
import { normalizeDocument } from '../../../modules/knowledge/intake/normalize';
import { DEMO_DATASET, DEMO_DOCUMENTS } from '../../../modules/knowledge/seed/demo-documents';
import { OfflineEmbeddingModel } from '../../../modules/llm/offline/offline-embedding-model';
import { DEMO_BRAND_NAME } from './seed-brand';

type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

/** The model the demo chunks are embedded with, and its vector size (the embedding space they belong to). */
export interface SeedEmbedding {
  model: EmbeddingModelV3;
  dimensions: number;
}

/**
 * The offline provider's defaults (LLM_PROVIDER=offline, EMBEDDING_DIMENSIONS unset), which is what
 * `npm start` runs with: the demo search works at once, with no network and no key. A deployment
 * on another embedding model should pass its own (see seedKnowledge).
 */
export function defaultSeedEmbedding(): SeedEmbedding {
  return { model: new OfflineEmbeddingModel('offline-feature-hash', 1536), dimensions: 1536 };
}

/** The chunking intake uses by default (KNOWLEDGE_CHUNK_TOKENS, KNOWLEDGE_CHUNK_OVERLAP). */
const SEED_CHUNKING: Chunking = { chunkTokens: 400, chunkOverlap: 60 };

/**
 * The demo organization's dataset, its documents READY and searchable right after the seed: each
 * is read, cut and embedded by the same code intake's normalize and embed stages run, in this
 * process, inside the seed's transaction, with no model configuration and no budget spent (the
 * offline embedder, see defaultSeedEmbedding). Idempotent: a dataset that exists is left as it is (its
 * documents may have been changed or deleted on purpose since). Silent: the seed's own lines say
 * what a newcomer needs (the organization and its key), and the dataset lists itself in the API.
 */
export async function seedKnowledge(tx: Tx, organizationId: string, embedding: SeedEmbedding = defaultSeedEmbedding()): Promise<void> {
  const existing = await tx.dataset.findUnique({ where: { organizationId_name: { organizationId, name: DEMO_DATASET.name } }, select: { id: true } });
  if (existing) return;
  // The demo brand's knowledge, when the demo brand is there (seeded before this).
  const brand = await tx.brand.findUnique({ where: { organizationId_name: { organizationId, name: DEMO_BRAND_NAME } }, select: { id: true } });
  const dataset = await tx.dataset.create({ data: { organizationId, ...DEMO_DATASET, brandId: brand?.id }, select: { id: true } });
  const space = await embeddingSpace(tx, embedding);
  for (const demo of DEMO_DOCUMENTS) {
    const mimeType = 'text/markdown; charset=utf-8';
    const { text } = await normalizeDocument(mimeType, Buffer.from(demo.text, 'utf8'));
    const document = await tx.document.create({
      data: { organizationId, datasetId: dataset.id, source: 'TEXT', title: demo.title, mimeType, text, status: 'EMBEDDING', version: 1 },
      select: { id: true },
    });
    const owner = { organizationId, datasetId: dataset.id, documentId: document.id, documentVersion: 1, embeddingSpaceId: space };
    const tokens = await embedInBatches(
      cutIntoChunks(text, SEED_CHUNKING),
      async (values) => {
        const result = await embedMany({ model: embedding.model, values, maxRetries: 0 });
        return { embeddings: result.embeddings, tokens: result.usage.tokens };
      },
      async (rows) => {
        await tx.$executeRawUnsafe(INSERT_CHUNKS_SQL, ...insertChunksParams(owner, rows));
      },
    );
    const chunkCount = await tx.chunk.count({ where: { documentId: document.id } });
    await tx.document.update({
      where: { id: document.id },
      data: { status: 'READY', contentHash: contentHash(text), chunkCount, embeddingTokens: tokens, embeddingSpaceId: space, readyAt: new Date() },
      select: { id: true },
    });
  }
}

async function embeddingSpace(tx: Tx, embedding: SeedEmbedding): Promise<string> {
  const space = await tx.embeddingSpace.upsert({
    where: { provider_model_dimensions: { provider: embedding.model.provider, model: embedding.model.modelId, dimensions: embedding.dimensions } },
    create: { provider: embedding.model.provider, model: embedding.model.modelId, dimensions: embedding.dimensions },
    update: {},
    select: { id: true },
  });
  return space.id;
}
