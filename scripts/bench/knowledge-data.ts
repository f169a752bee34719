/**
 * Synthetic knowledge for `npm run bench:knowledge`: clustered unit vectors and texts from a small
 * vocabulary, spread over organizations, written straight into a bench database. Seeded, so two
 * runs load the same rows.
 */
import type { Client } from 'pg';

export const DIMENSIONS = 1536;
const CLUSTERS = 200;
const CHUNKS_PER_DOCUMENT = 10;
const WORDS_PER_CHUNK = 60;
const TOPIC_WORDS = 4;
/**
 * Per-component noise around a cluster centre: a point's noise has norm about 1 (x 0.5 to 1.5 per
 * point), so it sits at cosine ~0.7 from its centre and its nearest neighbours are the members of
 * its cluster with the least noise: 200 near-equidistant candidates in the large tenant, the hard
 * case for a graph index.
 */
const NOISE = 1 / Math.sqrt(DIMENSIONS);

/** mulberry32: a small, fast, seeded generator (the bench must load the same rows each run). */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Synthetic {
  readonly rand = random(20261130);
  readonly centres: Float32Array[] = [];
  private readonly general: string[];
  private readonly topics: string[][];

  constructor() {
    for (let c = 0; c < CLUSTERS; c++) this.centres.push(normalised(Float32Array.from({ length: DIMENSIONS }, () => this.gauss())));
    const syllables = [...'bdfgklmnprstvz'].flatMap((c) => [...'aiou'].map((v) => c + v));
    const word = (i: number) => syllables[i % 56] + syllables[Math.floor(i / 56) % 56] + syllables[Math.floor(i / 3136) % 56] + 'n';
    this.general = Array.from({ length: 2_000 }, (_, i) => word(i * 7 + 3));
    this.topics = Array.from({ length: CLUSTERS }, (_, c) => Array.from({ length: TOPIC_WORDS }, (_, t) => word(20_000 + c * TOPIC_WORDS + t)));
  }

  gauss(): number {
    let u = 0;
    while (u === 0) u = this.rand();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.rand());
  }

  /** A point of cluster `c`: its centre plus noise of a per-point scale, normalised. */
  point(c: number, scale = 0.5 + this.rand()): Float32Array {
    const centre = this.centres[c];
    return normalised(centre.map((v) => v + scale * NOISE * this.gauss()));
  }

  /** A query near a cluster centre: half the noise a typical point carries. */
  query(): { cluster: number; vector: number[]; text: string } {
    const cluster = Math.floor(this.rand() * CLUSTERS);
    const [a, b] = this.pick(this.topics[cluster], 2);
    return { cluster, vector: Array.from(this.point(cluster, 0.5)), text: `${a} ${b}` };
  }

  /** About 60 words: each of the cluster's topic words with probability 1/2, the rest Zipf-distributed filler. */
  text(c: number): string {
    const words = this.topics[c].filter(() => this.rand() < 0.5);
    while (words.length < WORDS_PER_CHUNK) words.push(this.general[Math.floor(this.general.length * this.rand() ** 3)]);
    return this.pick(words, words.length).join(' ');
  }

  /** Prose for the intake measure: paragraphs of sentences of filler and topic words. */
  document(paragraphs: number): string {
    const c = Math.floor(this.rand() * CLUSTERS);
    const sentence = () => `${this.text(c).split(' ').slice(0, 12 + Math.floor(this.rand() * 12)).join(' ')}.`;
    return Array.from({ length: paragraphs }, () => Array.from({ length: 5 }, sentence).join(' ')).join('\n\n');
  }

  private pick<T>(items: T[], n: number): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.rand() * (i + 1));
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy.slice(0, n);
  }
}

function normalised<T extends Float32Array>(v: T): T {
  let norm = 0;
  for (const x of v) norm += x * x;
  norm = Math.sqrt(norm);
  return v.map((x) => x / norm) as T;
}

export interface Tenant {
  organizationId: string;
  datasetId: string;
  rows: number;
}

/**
 * Organization sizes: one holding `largeShare` of the rows, three tiny ones (10, 50 and 200 rows),
 * and the rest spread unevenly (x 0.5 to 1.5 of their mean), all in whole documents of 10 chunks.
 */
export function tenantSizes(total: number, organizations: number, largeShare: number, rand: () => number): number[] {
  const large = Math.round((total * largeShare) / CHUNKS_PER_DOCUMENT) * CHUNKS_PER_DOCUMENT;
  const tiny = [10, 50, 200];
  const rest = organizations - 1 - tiny.length;
  const weights = Array.from({ length: rest }, () => 0.5 + rand());
  const sum = weights.reduce((a, b) => a + b, 0);
  const left = total - large - tiny.reduce((a, b) => a + b, 0);
  const spread = weights.map((w) => Math.max(CHUNKS_PER_DOCUMENT, Math.round((left * w) / sum / CHUNKS_PER_DOCUMENT) * CHUNKS_PER_DOCUMENT));
  spread[0] += left - spread.reduce((a, b) => a + b, 0); // rounding's remainder
  return [large, ...tiny, ...spread];
}

/** Organizations with one dataset each, sized as asked. */
export async function createTenants(db: Client, sizes: number[]): Promise<Tenant[]> {
  const tenants: Tenant[] = [];
  for (const [i, rows] of sizes.entries()) {
    const slug = `bench-knowledge-${i}`;
    const org = await db.query('INSERT INTO organizations (slug, name, updated_at) VALUES ($1, $2, now()) RETURNING id', [slug, `Knowledge bench ${i}`]);
    const dataset = await db.query("INSERT INTO datasets (organization_id, name, updated_at) VALUES ($1, 'bench', now()) RETURNING id", [org.rows[0].id]);
    tenants.push({ organizationId: org.rows[0].id, datasetId: dataset.rows[0].id, rows });
  }
  return tenants;
}

/**
 * Writes every tenant's chunks, documents shuffled across tenants as ingestion over time would
 * leave them, in batches of 100 documents: one INSERT of the documents, one of their chunks with
 * the vectors as one binary vector[] parameter (no float formatting or parsing on either side).
 */
export async function loadChunks(db: Client, data: Synthetic, tenants: Tenant[], spaceId: string, progress: (done: number) => void): Promise<void> {
  const vectorOid = (await db.query<{ oid: number }>("SELECT oid FROM pg_type WHERE typname = 'vector'")).rows[0].oid;
  const documents = tenants.flatMap((t) => Array.from({ length: t.rows / CHUNKS_PER_DOCUMENT }, () => t));
  for (let i = documents.length - 1; i > 0; i--) {
    const j = Math.floor(data.rand() * (i + 1));
    [documents[i], documents[j]] = [documents[j], documents[i]];
  }
  const BATCH = 100;
  for (let start = 0; start < documents.length; start += BATCH) {
    const batch = documents.slice(start, start + BATCH);
    const ids = (
      await db.query<{ id: string }>(
        "INSERT INTO documents (organization_id, dataset_id, source, status, version, chunk_count, updated_at) SELECT o, d, 'TEXT', 'READY', 1, $3, now() FROM unnest($1::uuid[], $2::uuid[]) AS t(o, d) RETURNING id",
        [batch.map((t) => t.organizationId), batch.map((t) => t.datasetId), CHUNKS_PER_DOCUMENT],
      )
    ).rows.map((r) => r.id);
    const rows = batch.flatMap((tenant, d) => {
      const cluster = Math.floor(data.rand() * CLUSTERS);
      return Array.from({ length: CHUNKS_PER_DOCUMENT }, (_, position) => ({ tenant, documentId: ids[d], position, cluster }));
    });
    await db.query(
      `INSERT INTO chunks (organization_id, dataset_id, document_id, document_version, position, text, token_count, embedding, embedding_space_id, search_vector)
       SELECT o, d, doc, 1, p, t, 80, e, $7::uuid, to_tsvector('english', t)
       FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::int[], $5::text[], $6::vector[]) AS x(o, d, doc, p, t, e)`,
      [
        rows.map((r) => r.tenant.organizationId),
        rows.map((r) => r.tenant.datasetId),
        rows.map((r) => r.documentId),
        rows.map((r) => r.position),
        rows.map((r) => data.text(r.cluster)),
        binaryVectorArray(vectorOid, rows.map((r) => data.point(r.cluster))),
        spaceId,
      ],
    );
    progress(Math.min(documents.length, start + BATCH) * CHUNKS_PER_DOCUMENT);
  }
}

/**
 * A one-dimensional vector[] in Postgres' binary array format (node-postgres sends a Buffer
 * parameter as binary): header, then each element as its length and pgvector's binary form
 * (int16 dimensions, int16 unused, float4 components, all big-endian).
 */
function binaryVectorArray(vectorOid: number, vectors: Float32Array[]): Buffer {
  const element = 4 + DIMENSIONS * 4;
  const buffer = Buffer.alloc(20 + vectors.length * (4 + element));
  let at = buffer.writeInt32BE(1, 0); // dimensions of the array
  at = buffer.writeInt32BE(0, at); // no nulls
  at = buffer.writeUInt32BE(vectorOid, at);
  at = buffer.writeInt32BE(vectors.length, at);
  at = buffer.writeInt32BE(1, at); // lower bound
  for (const vector of vectors) {
    at = buffer.writeInt32BE(element, at);
    at = buffer.writeInt16BE(DIMENSIONS, at);
    at = buffer.writeInt16BE(0, at);
    for (const x of vector) at = buffer.writeFloatBE(x, at);
  }
  return buffer;
}
