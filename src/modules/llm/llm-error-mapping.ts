import { APICallError } from '@ai-sdk/provider';
import { NoObjectGeneratedError, NoOutputGeneratedError, RetryError } from 'ai';
import { ValidationFailedError } from '../../common/errors/domain-errors';
import { parseRetryAfter } from '../../infra/resilience/retry-after';
import { LlmError, llmCategoryForStatus } from './llm-error';

export interface CallContext {
  provider: string;
  model: string;
  /** The caller's own signal: its abort is a cancellation, not a timeout. */
  callerSignal?: AbortSignal;
  /** The LLM_TIMEOUT_MS signal. */
  timeoutSignal: AbortSignal;
}

/**
 * Maps whatever an AI SDK call threw to one LlmError category. Messages name the provider, model
 * and status, never a request or response body (they may carry customer data).
 */
export function toLlmError(error: unknown, context: CallContext): LlmError {
  if (error instanceof LlmError) return error;
  const where = { provider: context.provider, model: context.model };
  if (context.callerSignal?.aborted) return new LlmError('CANCELLED', `${context.provider} call cancelled by the caller`, where, { cause: error });
  if (context.timeoutSignal.aborted) return new LlmError('TIMEOUT', `${context.provider} call timed out`, where, { cause: error });
  const cause = RetryError.isInstance(error) ? error.lastError : error;
  if (APICallError.isInstance(cause)) {
    const status = cause.statusCode;
    if (status === undefined) return new LlmError('PROVIDER_UNAVAILABLE', `${context.provider} could not be reached`, where, { cause });
    // A success status whose body could not be read (not JSON, not the documented shape).
    if (status < 400) return new LlmError('INVALID_OUTPUT', `${context.provider} answered ${status} with a body that could not be read`, { ...where, providerStatus: status }, { cause });
    const category = llmCategoryForStatus(status);
    const retryAfterMs = category === 'RATE_LIMITED' ? retryAfterOf(cause.responseHeaders) : undefined;
    return new LlmError(category, `${context.provider} answered ${status}`, { ...where, providerStatus: status, retryAfterMs }, { cause });
  }
  if (NoObjectGeneratedError.isInstance(cause) || NoOutputGeneratedError.isInstance(cause) || cause instanceof ValidationFailedError) {
    return new LlmError('INVALID_OUTPUT', `${context.provider} answered with output that does not fit the requested form`, where, { cause });
  }
  if (cause instanceof Error && /JSON|parse|Type validation/i.test(cause.name + cause.message)) {
    return new LlmError('INVALID_OUTPUT', `${context.provider} answered with a body that could not be read`, where, { cause });
  }
  // A fetch that failed before any answer (refused connection, reset socket).
  if (cause instanceof TypeError || (cause instanceof Error && 'code' in cause)) {
    return new LlmError('PROVIDER_UNAVAILABLE', `${context.provider} could not be reached`, where, { cause });
  }
  return new LlmError('PROVIDER_UNAVAILABLE', `${context.provider} call failed (${cause instanceof Error ? cause.name : 'unknown error'})`, where, { cause });
}

function retryAfterOf(headers: Record<string, string> | undefined): number | undefined {
  if (!headers) return undefined;
  const ms = headers['retry-after-ms'];
  if (ms && /^\d+$/.test(ms)) return Number(ms);
  return parseRetryAfter(headers['retry-after']);
}
