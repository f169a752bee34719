import {
  APICallError,
  EmptyResponseBodyError,
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
  MissingToolResultsError,
  NoObjectGeneratedError,
  NoOutputGeneratedError,
  NoSuchToolError,
  RetryError,
  ToolCallRepairError,
  ToolChoiceViolationError,
} from 'ai';
import { ValidationFailedError } from '../../common/errors/domain-errors';
import { LLM_ERROR_CATEGORIES, LlmError, LlmErrorCategory, llmCategoryForStatus } from './llm-error';
import { CallContext, toLlmError } from './llm-error-mapping';

const RETRYABLE: ReadonlySet<LlmErrorCategory> = new Set(['RATE_LIMITED', 'TIMEOUT', 'PROVIDER_UNAVAILABLE']);

const context = (signals: { caller?: AbortSignal; timeout?: AbortSignal } = {}): CallContext => ({
  provider: 'wire',
  model: 'wire-model',
  callerSignal: signals.caller,
  timeoutSignal: signals.timeout ?? new AbortController().signal,
});
const http = (statusCode: number | undefined, responseHeaders?: Record<string, string>) =>
  new APICallError({ message: 'failed', url: 'http://127.0.0.1/v1/chat/completions', requestBodyValues: {}, statusCode, responseHeaders });
const coded = (code: string) => Object.assign(new Error(`socket ${code}`), { code });
const noSuchTool = new NoSuchToolError({ toolName: 'send_email', availableTools: ['lookup_brand'] });

/** Every failure an AI SDK call can raise, and the one category it must land in. */
const TABLE: Array<[string, LlmErrorCategory, unknown]> = [
  ['HTTP 400', 'INVALID_REQUEST', http(400)],
  ['HTTP 401', 'AUTH', http(401)],
  ['HTTP 403', 'AUTH', http(403)],
  ['HTTP 404 (unknown model)', 'INVALID_REQUEST', http(404)],
  ['HTTP 408', 'TIMEOUT', http(408)],
  ['HTTP 413', 'INVALID_REQUEST', http(413)],
  ['HTTP 422', 'INVALID_REQUEST', http(422)],
  ['HTTP 429', 'RATE_LIMITED', http(429)],
  ['HTTP 500', 'PROVIDER_UNAVAILABLE', http(500)],
  ['HTTP 502', 'PROVIDER_UNAVAILABLE', http(502)],
  ['HTTP 503', 'PROVIDER_UNAVAILABLE', http(503)],
  ['HTTP 504', 'TIMEOUT', http(504)],
  ['HTTP 529 (Anthropic overloaded)', 'PROVIDER_UNAVAILABLE', http(529)],
  ['HTTP 200 with an unreadable body', 'INVALID_OUTPUT', http(200)],
  ['no HTTP answer at all', 'PROVIDER_UNAVAILABLE', http(undefined)],
  ['a RetryError around a 429', 'RATE_LIMITED', new RetryError({ message: 'failed', reason: 'maxRetriesExceeded', errors: [http(429)] })],
  ['NoObjectGeneratedError', 'INVALID_OUTPUT', new NoObjectGeneratedError({ response: {} as never, usage: {} as never, finishReason: 'stop' })],
  ['NoOutputGeneratedError', 'INVALID_OUTPUT', new NoOutputGeneratedError()],
  ['NoContentGeneratedError', 'INVALID_OUTPUT', new NoContentGeneratedError()],
  ['JSONParseError', 'INVALID_OUTPUT', new JSONParseError({ text: '{', cause: new SyntaxError('end') })],
  ['TypeValidationError', 'INVALID_OUTPUT', new TypeValidationError({ value: {}, cause: new Error('shape') })],
  ['InvalidResponseDataError', 'INVALID_OUTPUT', new InvalidResponseDataError({ data: {} })],
  ['EmptyResponseBodyError', 'INVALID_OUTPUT', new EmptyResponseBodyError()],
  ['NoSuchToolError', 'INVALID_OUTPUT', noSuchTool],
  ['InvalidToolInputError', 'INVALID_OUTPUT', new InvalidToolInputError({ toolName: 'lookup_brand', toolInput: '{', cause: new Error('json') })],
  ['ToolCallRepairError', 'INVALID_OUTPUT', new ToolCallRepairError({ cause: new Error('repair'), originalError: noSuchTool })],
  ['ToolChoiceViolationError', 'INVALID_OUTPUT', new ToolChoiceViolationError({ toolChoice: { type: 'none' }, finishReason: 'tool-calls', provider: 'wire', modelId: 'wire-model', content: [] })],
  ['ValidationFailedError (a DTO the answer broke)', 'INVALID_OUTPUT', new ValidationFailedError(['tone'], 'tone must be calm or bold')],
  ['SyntaxError', 'INVALID_OUTPUT', new SyntaxError('Unexpected end of JSON input')],
  ['InvalidPromptError', 'INVALID_REQUEST', new InvalidPromptError({ prompt: [], message: 'messages must not be empty' })],
  ['InvalidArgumentError', 'INVALID_REQUEST', new InvalidArgumentError({ parameter: 'maxOutputTokens', value: -1, message: 'must be positive' })],
  ['InvalidMessageRoleError', 'INVALID_REQUEST', new InvalidMessageRoleError({ role: 'robot' })],
  ['InvalidDataContentError', 'INVALID_REQUEST', new InvalidDataContentError({ content: 42 })],
  ['MissingToolResultsError', 'INVALID_REQUEST', new MissingToolResultsError({ toolCallIds: ['call_1'] })],
  ['UnsupportedFunctionalityError', 'INVALID_REQUEST', new UnsupportedFunctionalityError({ functionality: 'audio input' })],
  ['TooManyEmbeddingValuesForCallError', 'INVALID_REQUEST', new TooManyEmbeddingValuesForCallError({ provider: 'wire', modelId: 'm', maxEmbeddingsPerCall: 1, values: [1, 2] })],
  ['NoSuchModelError', 'INVALID_REQUEST', new NoSuchModelError({ modelId: 'm', modelType: 'languageModel' })],
  ['LoadAPIKeyError', 'AUTH', new LoadAPIKeyError({ message: 'no key' })],
  ['a streamed overloaded_error event', 'PROVIDER_UNAVAILABLE', { type: 'overloaded_error', message: 'Overloaded' }],
  ['a streamed api_error event', 'PROVIDER_UNAVAILABLE', { type: 'api_error', message: 'Internal' }],
  ['a streamed rate_limit_error event', 'RATE_LIMITED', { type: 'rate_limit_error', message: 'Slow down' }],
  ['a streamed authentication_error event', 'AUTH', { type: 'authentication_error', message: 'Bad key' }],
  ['a streamed invalid_request_error event', 'INVALID_REQUEST', { type: 'invalid_request_error', message: 'Bad' }],
  ['a streamed error event of an unknown type', 'PROVIDER_UNAVAILABLE', { type: 'brand_new_error', message: '?' }],
  ['a fetch TypeError', 'PROVIDER_UNAVAILABLE', new TypeError('fetch failed')],
  ['a reset socket', 'PROVIDER_UNAVAILABLE', coded('ECONNRESET')],
  ['an unknown Error', 'PROVIDER_UNAVAILABLE', new Error('surprise')],
  ['a thrown string', 'PROVIDER_UNAVAILABLE', 'surprise'],
];

describe(toLlmError.name, () => {
  it.each(TABLE)('should map %s to %s, retryable only if that category is', (_, category, thrown) => {
    const sut = toLlmError(thrown, context());
    expect(sut).toBeInstanceOf(LlmError);
    expect(sut.category).toBe(category);
    expect(sut.retryable).toBe(RETRYABLE.has(category));
    expect(sut.statusCode).toBe(LLM_ERROR_CATEGORIES[category].status);
    expect(sut.message.startsWith('wire ')).toBe(true);
  });

  it('should reach every category from some failure (CANCELLED through the caller signal)', () => {
    const reached = new Set<string>([...TABLE.map(([, category]) => category), 'CANCELLED']);
    expect([...reached].sort()).toEqual(Object.keys(LLM_ERROR_CATEGORIES).sort());
  });

  it('should call it CANCELLED when the caller aborted, whatever was thrown', () => {
    const caller = AbortSignal.abort();
    expect(toLlmError(http(500), context({ caller, timeout: AbortSignal.abort() })).category).toBe('CANCELLED');
  });

  it('should call it TIMEOUT when LLM_TIMEOUT_MS passed, whatever was thrown', () => {
    expect(toLlmError(http(500), context({ timeout: AbortSignal.abort() })).category).toBe('TIMEOUT');
  });

  it('should keep an LlmError as it is', () => {
    const failure = new LlmError('INVALID_OUTPUT', 'wire tool call not offered');
    expect(toLlmError(failure, context())).toBe(failure);
  });

  it.each([
    [{ 'retry-after': '3' }, 3000],
    [{ 'retry-after-ms': '1500', 'retry-after': '3' }, 1500],
    [{ 'retry-after': 'soon' }, undefined],
    [undefined, undefined],
  ])('should carry Retry-After %j of a 429 as retryAfterMs %s', (headers, retryAfterMs) => {
    expect(toLlmError(http(429, headers), context()).details.retryAfterMs).toBe(retryAfterMs);
  });

  it('should not carry a Retry-After of a 503 (only RATE_LIMITED waits on it)', () => {
    expect(toLlmError(http(503, { 'retry-after': '3' }), context()).details.retryAfterMs).toBeUndefined();
  });
});

describe('LLM_ERROR_CATEGORIES', () => {
  it('should say retryable for exactly RATE_LIMITED, TIMEOUT and PROVIDER_UNAVAILABLE', () => {
    const retryable = Object.entries(LLM_ERROR_CATEGORIES).filter(([, { retryable }]) => retryable).map(([category]) => category);
    expect(new Set(retryable)).toEqual(RETRYABLE);
  });

  it.each([
    [400, 'INVALID_REQUEST'],
    [401, 'AUTH'],
    [403, 'AUTH'],
    [408, 'TIMEOUT'],
    [409, 'INVALID_REQUEST'],
    [429, 'RATE_LIMITED'],
    [500, 'PROVIDER_UNAVAILABLE'],
    [504, 'TIMEOUT'],
    [529, 'PROVIDER_UNAVAILABLE'],
  ])('should map HTTP %i to %s', (status, category) => {
    expect(llmCategoryForStatus(status)).toBe(category);
  });
});
