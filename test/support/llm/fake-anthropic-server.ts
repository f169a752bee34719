import { type FakeLlmReply, type FakeLlmRequest, type FakeLlmServer, startFakeLlmServer } from './fake-llm-server';

/** Token counts as the Messages API reports them. */
export interface AnthropicUsage {
  input_tokens: number;
  output_tokens: number;
}

export interface AnthropicToolUse {
  id: string;
  name: string;
  input: unknown;
}

export const FAKE_ANTHROPIC_MODEL = 'fake-claude';
export const FAKE_ANTHROPIC_ANSWER = 'Fake answer.';
const DEFAULT_USAGE: AnthropicUsage = { input_tokens: 14, output_tokens: 6 };

type Block = { type: 'text'; text: string } | ({ type: 'tool_use' } & AnthropicToolUse);

const message = (content: Block[], stopReason: string, usage: AnthropicUsage): FakeLlmReply => ({
  kind: 'json',
  status: 200,
  body: { id: 'msg_fake', type: 'message', role: 'assistant', model: FAKE_ANTHROPIC_MODEL, content, stop_reason: stopReason, stop_sequence: null, usage },
});
const event = (data: { type: string } & Record<string, unknown>) => `event: ${data.type}\ndata: ${JSON.stringify(data)}\n\n`;

/**
 * A whole stream as the Messages API sends it: message_start (input tokens), per block
 * content_block_start / deltas / content_block_stop, then message_delta (stop reason, output
 * tokens) and message_stop. A ping after the start, as the API interleaves them.
 */
function streamOf(blocks: Array<{ start: Record<string, unknown>; deltas: Record<string, unknown>[] }>, stopReason: string, usage: AnthropicUsage): FakeLlmReply {
  const start = { id: 'msg_fake', type: 'message', role: 'assistant', model: FAKE_ANTHROPIC_MODEL, content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: usage.input_tokens, output_tokens: 1 } };
  return {
    kind: 'sse',
    events: [
      event({ type: 'message_start', message: start }),
      event({ type: 'ping' }),
      ...blocks.flatMap((block, index) => [
        event({ type: 'content_block_start', index, content_block: block.start }),
        ...block.deltas.map((delta) => event({ type: 'content_block_delta', index, delta })),
        event({ type: 'content_block_stop', index }),
      ]),
      event({ type: 'message_delta', delta: { stop_reason: stopReason, stop_sequence: null }, usage: { output_tokens: usage.output_tokens } }),
      event({ type: 'message_stop' }),
    ],
  };
}

/** Replies in the Messages API wire format (https://docs.anthropic.com/en/api/messages). */
export const anthropicReplies = {
  text: (text: string, usage = DEFAULT_USAGE): FakeLlmReply => message([{ type: 'text', text }], 'end_turn', usage),

  /** tool_use blocks, optionally after some text, with stop_reason tool_use. */
  toolUse: (calls: AnthropicToolUse[], options: { text?: string; usage?: AnthropicUsage } = {}): FakeLlmReply =>
    message([...(options.text ? [{ type: 'text' as const, text: options.text }] : []), ...calls.map((call) => ({ type: 'tool_use' as const, ...call }))], 'tool_use', options.usage ?? DEFAULT_USAGE),

  stream: (deltas: string[], usage = DEFAULT_USAGE): FakeLlmReply =>
    streamOf([{ start: { type: 'text', text: '' }, deltas: deltas.map((text) => ({ type: 'text_delta', text })) }], 'end_turn', usage),

  /** Each tool_use block's input arrives as input_json_delta pieces of its JSON text. */
  streamToolUse: (calls: AnthropicToolUse[], usage = DEFAULT_USAGE): FakeLlmReply =>
    streamOf(
      calls.map((call) => {
        const json = JSON.stringify(call.input);
        const half = Math.ceil(json.length / 2);
        return { start: { type: 'tool_use', id: call.id, name: call.name, input: {} }, deltas: [json.slice(0, half), json.slice(half)].map((partial_json) => ({ type: 'input_json_delta', partial_json })) };
      }),
      'tool_use',
      usage,
    ),

  /** An error event as the first event of a stream (the API sends overloaded_error this way under load). */
  streamError: (type: string, text: string): FakeLlmReply => ({ kind: 'sse', events: [event({ type: 'error', error: { type, message: text } })] }),

  /** Anthropic's error body; `type` as Anthropic names them (rate_limit_error, overloaded_error, authentication_error). */
  error: (status: number, type: string, text: string, headers?: Record<string, string>): FakeLlmReply => ({
    kind: 'json',
    status,
    body: { type: 'error', error: { type, message: text } },
    headers,
  }),
};

/**
 * A local Messages API under `/v1`: scripted replies first (respondWith), then a default that
 * answers every POST /v1/messages with FAKE_ANTHROPIC_ANSWER (streamed when asked).
 */
export function startFakeAnthropicServer(): Promise<FakeLlmServer> {
  return startFakeLlmServer({ prefix: '/v1', fallback: defaultReply });
}

function defaultReply(request: FakeLlmRequest): FakeLlmReply {
  if (request.path !== '/v1/messages') return anthropicReplies.error(404, 'not_found_error', `no route ${request.method} ${request.path}`);
  return request.body.stream === true ? anthropicReplies.stream([FAKE_ANTHROPIC_ANSWER]) : anthropicReplies.text(FAKE_ANTHROPIC_ANSWER);
}
