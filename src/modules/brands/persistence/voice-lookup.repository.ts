import { Injectable } from '@nestjs/common';
import { Sql } from '../../../infra/database/sql';
import { fromVectorLiteral, toVectorLiteral } from '../../llm/vectors/stored-vector';

/** A voice as scoring and the voice guide need it: its rules, its examples and their stored embedding. */
export interface CandidateVoice {
  id: string;
  brandId: string;
  brandName: string;
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
  /** Zero-padded to the column's dimension (padding changes no cosine); null when not embedded. */
  embedding: number[] | null;
  embeddingSpaceId: string | null;
}

/**
 * The brand (restricted to the organization) and up to two of its voices: the one asked for, or
 * the default first. No row: no such brand; one row without a voice: no such voice. Two rows are
 * enough to tell "its only voice" from "several voices and no default".
 */
const CANDIDATE_VOICES = `
  SELECT b.id AS "brandId", b.name AS "brandName", v.id, v.name, v.is_default AS "isDefault", v.tone, v.audience,
         v.do_rules AS "doRules", v.dont_rules AS "dontRules", v.banned_words AS "bannedWords", v.required_elements AS "requiredElements",
         v.min_length AS "minLength", v.max_length AS "maxLength", v.examples, v.embedding::text AS embedding, v.embedding_space_id AS "embeddingSpaceId"
    FROM brands b
    LEFT JOIN LATERAL (
      SELECT * FROM brand_voices v
       WHERE v.brand_id = b.id AND v.organization_id = b.organization_id AND ($3::uuid IS NULL OR v.id = $3::uuid)
       ORDER BY v.is_default DESC, v.created_at, v.id
       LIMIT 2
    ) v ON true
   WHERE b.id = $1 AND b.organization_id = $2`;

/*
 * Only while the examples are still the ones that were embedded: a concurrent edit of the examples
 * (which stores its own embedding) must not be overwritten by this older one.
 */
const SAVE_EMBEDDING = `
  UPDATE brand_voices SET embedding = $1::vector, embedding_space_id = $2
   WHERE id = $3 AND organization_id = $4 AND examples = $5::text[]`;

type CandidateRow = Omit<CandidateVoice, 'embedding' | 'id'> & { id: string | null; embedding: string | null };

/**
 * Voice reads for scoring and the `brand.voice` tool, and scoring's one write, on the plain pool:
 * neither opens a transaction, and the embedding scoring stores for a voice that had none (or one
 * of another model) is derived data, kept even if whatever asked for the score fails afterwards.
 */
@Injectable()
export class VoiceLookupRepository {
  constructor(private readonly sql: Sql) {}

  /** Null when the brand is not the organization's; otherwise its candidate voices (0 to 2), the default first. */
  async candidates(organizationId: string, brandId: string, voiceId?: string): Promise<CandidateVoice[] | null> {
    const rows = await this.sql.rows<CandidateRow>(CANDIDATE_VOICES, [brandId, organizationId, voiceId ?? null]);
    if (rows.length === 0) return null;
    return rows
      .filter((row): row is CandidateRow & { id: string } => row.id !== null)
      .map((row) => ({ ...row, embedding: row.embedding === null ? null : fromVectorLiteral(row.embedding) }));
  }

  /** Returns false when the examples changed since they were read (the newer write's embedding stands). */
  async saveEmbedding(organizationId: string, voice: Pick<CandidateVoice, 'id' | 'examples'>, vector: number[], spaceId: string): Promise<boolean> {
    return (await this.sql.count(SAVE_EMBEDDING, [toVectorLiteral(vector), spaceId, voice.id, organizationId, voice.examples])) > 0;
  }
}
