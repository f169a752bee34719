import type { ModelMessage } from 'ai';

/** A model call: instructions, then either one user prompt or a conversation. */
export interface LlmRequest {
  system?: string;
  prompt: string | ModelMessage[];
  maxOutputTokens?: number;
  temperature?: number;
  /** The caller's cancellation; LLM_TIMEOUT_MS applies on top of it. */
  abortSignal?: AbortSignal;
}

export interface LlmUsage {
  inputTokens: number;
  outputTokens: number;
}

/** What every answer says about where it came from and what it cost. */
export interface LlmAnswerMeta {
  usage: LlmUsage;
  provider: string;
  model: string;
}

export interface LlmTextResult extends LlmAnswerMeta {
  text: string;
}

export interface LlmObjectResult<T> extends LlmAnswerMeta {
  /** An instance of the DTO, validated with validatePlain. */
  object: T;
}

export interface LlmEmbedResult extends LlmAnswerMeta {
  /** One vector per input value, in order. */
  embeddings: number[][];
}
