import { type FakeLlmReply, type FakeLlmRequest, type FakeLlmServer, startFakeLlmServer } from './fake-llm-server';

/** Token counts as OpenAI reports them; total_tokens is their sum. */
export interface OpenAiUsage {
  prompt_tokens: number;
  completion_tokens: number;
}

export interface OpenAiToolCall {
  id: string;
  name: string;
  /** The JSON text the model wrote; an object is serialised (a string lets a test send broken JSON). */
  arguments: string | Record<string, unknown>;
}

export const FAKE_OPENAI_MODEL = 'fake-openai-model';
export const FAKE_OPENAI_ANSWER = 'Fake answer.';
const DEFAULT_USAGE: OpenAiUsage = { prompt_tokens: 12, completion_tokens: 5 };
const CREATED = 1767225600;

const usageOf = (usage: OpenAiUsage) => ({ ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens });
const argumentsOf = (call: OpenAiToolCall) => (typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments));
const completion = (message: Record<string, unknown>, finishReason: string, usage: OpenAiUsage): FakeLlmReply => ({
  kind: 'json',
  status: 200,
  body: { id: 'chatcmpl-fake', object: 'chat.completion', created: CREATED, model: FAKE_OPENAI_MODEL, choices: [{ index: 0, message, finish_reason: finishReason }], usage: usageOf(usage) },
});
const chunk = (choices: unknown[], usage?: OpenAiUsage) =>
  `data: ${JSON.stringify({ id: 'chatcmpl-fake', object: 'chat.completion.chunk', created: CREATED, model: FAKE_OPENAI_MODEL, choices, ...(usage ? { usage: usageOf(usage) } : {}) })}\n\n`;
const delta = (value: Record<string, unknown>, finishReason: string | null = null) => chunk([{ index: 0, delta: value, finish_reason: finishReason }]);
/** The end of a stream asked with stream_options.include_usage: a usage chunk without choices, then [DONE]. */
const streamEnd = (finishReason: string, usage: OpenAiUsage) => [delta({}, finishReason), chunk([], usage), 'data: [DONE]\n\n'];

/** Replies in the Chat Completions and Embeddings wire format (https://platform.openai.com/docs/api-reference). */
export const openAiReplies = {
  text: (content: string, usage = DEFAULT_USAGE): FakeLlmReply => completion({ role: 'assistant', content }, 'stop', usage),

  toolCalls: (calls: OpenAiToolCall[], usage = DEFAULT_USAGE): FakeLlmReply =>
    completion(
      { role: 'assistant', content: null, tool_calls: calls.map((call) => ({ id: call.id, type: 'function', function: { name: call.name, arguments: argumentsOf(call) } })) },
      'tool_calls',
      usage,
    ),

  /** Server-sent text deltas, then the finish and usage chunks. */
  stream: (deltas: string[], usage = DEFAULT_USAGE): FakeLlmReply => ({
    kind: 'sse',
    events: [delta({ role: 'assistant', content: '' }), ...deltas.map((content) => delta({ content })), ...streamEnd('stop', usage)],
  }),

  /** Each call opens with its id and name, then its arguments arrive in two pieces, as OpenAI splits them. */
  streamToolCalls: (calls: OpenAiToolCall[], usage = DEFAULT_USAGE): FakeLlmReply => ({
    kind: 'sse',
    events: [
      delta({ role: 'assistant', content: null }),
      ...calls.flatMap((call, index) => {
        const text = argumentsOf(call);
        const half = Math.ceil(text.length / 2);
        return [
          delta({ tool_calls: [{ index, id: call.id, type: 'function', function: { name: call.name, arguments: '' } }] }),
          delta({ tool_calls: [{ index, function: { arguments: text.slice(0, half) } }] }),
          delta({ tool_calls: [{ index, function: { arguments: text.slice(half) } }] }),
        ];
      }),
      ...streamEnd('tool_calls', usage),
    ],
  }),

  /** Some text deltas, then an error event in the stream (HTTP status already 200), as OpenAI reports failures mid-answer. */
  streamError: (deltas: string[], type: string, message: string): FakeLlmReply => ({
    kind: 'sse',
    events: [delta({ role: 'assistant', content: '' }), ...deltas.map((content) => delta({ content })), `data: ${JSON.stringify({ error: { message, type, param: null, code: null } })}\n\n`],
  }),

  embeddings: (vectors: number[][], promptTokens = 6): FakeLlmReply => ({
    kind: 'json',
    status: 200,
    body: {
      object: 'list',
      data: vectors.map((embedding, index) => ({ object: 'embedding', index, embedding })),
      model: 'fake-embedding',
      usage: { prompt_tokens: promptTokens, total_tokens: promptTokens },
    },
  }),

  /** OpenAI's error body; `type` as OpenAI names them (rate_limit_exceeded, server_error, invalid_request_error). */
  error: (status: number, message: string, options: { type?: string; headers?: Record<string, string> } = {}): FakeLlmReply => ({
    kind: 'json',
    status,
    body: { error: { message, type: options.type ?? 'server_error', param: null, code: null } },
    headers: options.headers,
  }),
};

/**
 * A local OpenAI-style API under `/v1`: scripted replies first (respondWith), then a default that
 * answers every chat completion with FAKE_OPENAI_ANSWER (streamed when asked) and every embedding
 * request with unit vectors of the requested dimensions. Point LLM_BASE_URL at `baseUrl`; count
 * model calls with `requests`.
 */
export function startFakeOpenAiServer(options: { prefix?: string } = {}): Promise<FakeLlmServer> {
  const prefix = options.prefix ?? '/v1';
  return startFakeLlmServer({ prefix, fallback: (request) => defaultReply(request, prefix) });
}

function defaultReply(request: FakeLlmRequest, prefix: string): FakeLlmReply {
  if (request.path === `${prefix}/chat/completions`) {
    return request.body.stream === true ? openAiReplies.stream([FAKE_OPENAI_ANSWER]) : openAiReplies.text(FAKE_OPENAI_ANSWER);
  }
  if (request.path === `${prefix}/embeddings`) {
    const inputs = Array.isArray(request.body.input) ? request.body.input : [request.body.input];
    const dimensions = typeof request.body.dimensions === 'number' ? request.body.dimensions : 8;
    return openAiReplies.embeddings(inputs.map((_, index) => Array.from({ length: dimensions }, (__, i) => (i === index % dimensions ? 1 : 0))));
  }
  return openAiReplies.error(404, `no route ${request.method} ${request.path}`, { type: 'invalid_request_error' });
}
