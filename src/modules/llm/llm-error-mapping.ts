import {
  APICallError,
  EmptyResponseBodyError,
  InvalidArgumentError as ProviderInvalidArgumentError,
  InvalidPromptError,
  InvalidResponseDataError,
  JSONParseError,
  LoadAPIKeyError,
  NoContentGeneratedError,
  NoSuchModelError,
  TooManyEmbeddingValuesForCallError,
  TypeValidationError,
  UnsupportedFunctionalityError,
} from '@ai-sdk/provider';
import {
  InvalidArgumentError,
  InvalidDataContentError,
  InvalidMessageRoleError,
  InvalidToolInputError,
  MessageConversionError,
  MissingToolResultsError,
  NoObjectGeneratedError,
  NoOutputGeneratedError,
  NoSuchToolError,
  RetryError,
  ToolCallRepairError,
  ToolChoiceViolationError,
} from 'ai';
import { ValidationFailedError } from '../../common/errors/domain-errors';
import { parseRetryAfter } from '../../infra/resilience/retry-after';
import { LlmError, LlmErrorCategory, llmCategoryForStatus } from './llm-error';

export interface CallContext {
  provider: string;
  model: string;
  /** The caller's own signal: its abort is a cancellation, not a timeout. */
  callerSignal?: AbortSignal;
  /** The LLM_TIMEOUT_MS signal. */
  timeoutSignal: AbortSignal;
}

type ErrorClass = { isInstance(error: unknown): boolean };

/** The model answered, but not in a form that can be used: another identical call may well do the same. */
const OUTPUT_ERRORS: ErrorClass[] = [
  NoObjectGeneratedError,
  NoOutputGeneratedError,
  NoContentGeneratedError,
  JSONParseError,
  TypeValidationError,
  InvalidResponseDataError,
  EmptyResponseBodyError,
  NoSuchToolError,
  InvalidToolInputError,
  ToolCallRepairError,
  // The model ignored toolChoice (called a tool under 'none', none under 'required').
  ToolChoiceViolationError,
];

/** The AI SDK refused our request before sending it (a caller's bad prompt or setting): no retry fixes it. */
const REQUEST_ERRORS: ErrorClass[] = [
  InvalidPromptError,
  InvalidArgumentError,
  ProviderInvalidArgumentError,
  InvalidMessageRoleError,
  InvalidDataContentError,
  MessageConversionError,
  MissingToolResultsError,
  UnsupportedFunctionalityError,
  TooManyEmbeddingValuesForCallError,
  NoSuchModelError,
];

/**
 * Error `type`s of an error event inside an answer already streaming (OpenAI's `error.type`,
 * Anthropic's `error.type`): the status was 200, so the event's type is all there is to go by.
 */
const STREAMED_ERROR_TYPES: Record<string, LlmErrorCategory> = {
  rate_limit_error: 'RATE_LIMITED',
  rate_limit_exceeded: 'RATE_LIMITED',
  authentication_error: 'AUTH',
  permission_error: 'AUTH',
  invalid_request_error: 'INVALID_REQUEST',
  request_too_large: 'INVALID_REQUEST',
  timeout_error: 'TIMEOUT',
};

/**
 * Maps whatever an AI SDK call threw to exactly one LlmError category (first match wins, in this
 * order: cancel, timeout, HTTP status, output, request, auth, network). Messages name the
 * provider, model and status, never a request or response body (they may carry customer data).
 */
export function toLlmError(error: unknown, context: CallContext): LlmError {
  if (error instanceof LlmError) return error;
  const where = { provider: context.provider, model: context.model };
  const fail = (category: LlmErrorCategory, message: string, cause: unknown, details: { providerStatus?: number; retryAfterMs?: number } = {}) =>
    new LlmError(category, `${context.provider} ${message}`, { ...where, ...details }, { cause });
  if (context.callerSignal?.aborted) return fail('CANCELLED', 'call cancelled by the caller', error);
  if (context.timeoutSignal.aborted) return fail('TIMEOUT', 'call timed out', error);
  const cause = RetryError.isInstance(error) ? error.lastError : error;
  if (APICallError.isInstance(cause)) {
    const status = cause.statusCode;
    if (status === undefined) return fail('PROVIDER_UNAVAILABLE', 'could not be reached', cause);
    // A success status whose body could not be read (not JSON, not the documented shape).
    if (status < 400) return fail('INVALID_OUTPUT', `answered ${status} with a body that could not be read`, cause, { providerStatus: status });
    const category = llmCategoryForStatus(status);
    const retryAfterMs = category === 'RATE_LIMITED' ? retryAfterOf(cause.responseHeaders) : undefined;
    return fail(category, `answered ${status}`, cause, { providerStatus: status, retryAfterMs });
  }
  if (OUTPUT_ERRORS.some((type) => type.isInstance(cause)) || cause instanceof ValidationFailedError || cause instanceof SyntaxError) {
    return fail('INVALID_OUTPUT', 'answered with output that does not fit the requested form', cause);
  }
  if (REQUEST_ERRORS.some((type) => type.isInstance(cause))) return fail('INVALID_REQUEST', 'call refused before sending: the request is not valid', cause);
  if (LoadAPIKeyError.isInstance(cause)) return fail('AUTH', 'has no usable API key', cause);
  const streamed = streamedErrorType(cause);
  if (streamed !== undefined) return fail(STREAMED_ERROR_TYPES[streamed] ?? 'PROVIDER_UNAVAILABLE', `stream failed with ${streamed}`, cause);
  // A fetch that failed before any answer, or a body cut off (refused connection, reset socket): undici's TypeError or a coded error.
  if (cause instanceof TypeError || (cause instanceof Error && 'code' in cause)) return fail('PROVIDER_UNAVAILABLE', 'could not be reached', cause);
  // Anything else is unknown to this table: treated as the provider's passing trouble, so a run's retry budget (not a loop) bounds it.
  return fail('PROVIDER_UNAVAILABLE', `call failed (${cause instanceof Error ? cause.name : 'unknown error'})`, cause);
}

/** The `type` of a provider's error event passed through a stream as a plain object, e.g. `{ type: 'overloaded_error', message }`. */
function streamedErrorType(cause: unknown): string | undefined {
  if (typeof cause !== 'object' || cause === null || cause instanceof Error) return undefined;
  const type = (cause as { type?: unknown }).type;
  return typeof type === 'string' && /^[a-z_]{1,64}$/.test(type) ? type : undefined;
}

function retryAfterOf(headers: Record<string, string> | undefined): number | undefined {
  if (!headers) return undefined;
  const ms = headers['retry-after-ms'];
  if (ms && /^\d+$/.test(ms)) return Number(ms);
  return parseRetryAfter(headers['retry-after']);
}
