import type { JSONSchema7 } from '@ai-sdk/provider';
import type { FinishReason, ModelMessage } from 'ai';

/**
 * A model call: instructions, then either one user prompt or a conversation. A conversation may
 * carry earlier turns' tool calls (assistant messages with tool-call parts) and their results
 * (`tool` messages with tool-result parts), so a caller can loop: model turn, execute the calls,
 * append the results, next model turn.
 */
export interface LlmRequest {
  system?: string;
  prompt: string | ModelMessage[];
  maxOutputTokens?: number;
  temperature?: number;
  /** A model id on the configured provider, among LLM_ALLOWED_MODELS (ModelNotAllowedError otherwise); default LLM_MODEL. */
  model?: string;
  /** The caller's cancellation; LLM_TIMEOUT_MS applies on top of it. */
  abortSignal?: AbortSignal;
}

/**
 * A tool the model may call. There is no execute function on purpose: the caller executes each
 * call itself (one recorded step each), so a model call always ends after one model turn.
 */
export interface LlmToolDefinition {
  description: string;
  /** The JSON schema of the call's input: an object schema (`type: 'object'`), as every provider requires. */
  inputSchema: JSONSchema7;
}

/** 'auto': the model decides; 'none': text only; 'required': at least one call; `{ toolName }`: that tool. */
export type LlmToolChoice = 'auto' | 'none' | 'required' | { toolName: string };

/** A text call that may offer tools (generateText and streamText). */
export interface LlmTextRequest extends LlmRequest {
  tools?: Record<string, LlmToolDefinition>;
  toolChoice?: LlmToolChoice;
}

/** A call the model asked for: always an offered tool with a JSON object input (anything else is INVALID_OUTPUT). */
export interface LlmToolCall {
  toolCallId: string;
  toolName: string;
  input: Record<string, unknown>;
}

/** Why the model stopped: 'tool-calls' when it waits for the results of `toolCalls`. */
export type LlmFinishReason = FinishReason;

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
  /** Empty unless the model called tools; the caller executes them and sends the results back. */
  toolCalls: LlmToolCall[];
  finishReason: LlmFinishReason;
}

export interface LlmObjectResult<T> extends LlmAnswerMeta {
  /** An instance of the DTO, validated with validatePlain. */
  object: T;
}

export interface LlmEmbedResult extends LlmAnswerMeta {
  /** One vector per input value, in order. */
  embeddings: number[][];
}
