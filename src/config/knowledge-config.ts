import { ConfigurationError } from './app-config-error';
import type { EnvironmentVariables } from './environment';

/** Knowledge intake: what a fetched or uploaded document may be, and how its text is cut. */
export interface KnowledgeConfig {
  /** Largest fetched document body (after decompression); past it the document fails TOO_LARGE. */
  fetchMaxBytes: number;
  /** One fetch's whole budget: connections, redirects, headers and body. */
  fetchTimeoutMs: number;
  /** Fetch URLs on private, loopback and link-local addresses too: only on a trusted network. */
  allowPrivateUrls: boolean;
  /** Largest uploaded file; past it the upload answers 413. */
  uploadMaxBytes: number;
  /** Largest chunk in tokens, and the tokens of a chunk's end repeated at the start of the next. */
  chunkTokens: number;
  chunkOverlap: number;
}

/** Checks that need more than one variable, one line naming the variable each. */
export function loadKnowledgeConfig(vars: EnvironmentVariables): KnowledgeConfig {
  if (vars.KNOWLEDGE_CHUNK_OVERLAP >= vars.KNOWLEDGE_CHUNK_TOKENS) {
    throw new ConfigurationError('Invalid configuration: KNOWLEDGE_CHUNK_OVERLAP must be smaller than KNOWLEDGE_CHUNK_TOKENS');
  }
  return {
    fetchMaxBytes: vars.KNOWLEDGE_FETCH_MAX_BYTES,
    fetchTimeoutMs: vars.KNOWLEDGE_FETCH_TIMEOUT_MS,
    allowPrivateUrls: vars.KNOWLEDGE_ALLOW_PRIVATE_URLS,
    uploadMaxBytes: vars.KNOWLEDGE_UPLOAD_MAX_BYTES,
    chunkTokens: vars.KNOWLEDGE_CHUNK_TOKENS,
    chunkOverlap: vars.KNOWLEDGE_CHUNK_OVERLAP,
  };
}
