import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the fake received, body already parsed. */
export interface FakeLlmRequest {
  method: string;
  /** From the origin, e.g. `/v1/chat/completions`. */
  path: string;
  headers: IncomingHttpHeaders;
  /** The JSON body; `{}` when empty, `{ unparsed: text }` when not JSON. */
  body: Record<string, unknown>;
}

/**
 * What the fake answers:
 * - `json`: a status and a JSON body (a string body is sent as it is: malformed bodies);
 * - `sse`: a 200 event stream of already framed events (`data: ...\n\n`);
 * - `hang`: never answers (until close()): the client's timeout must end the call;
 * - `reset`: the TCP connection is reset after the request arrives, before any answer.
 */
export type FakeLlmReply =
  | { kind: 'json'; status: number; body: unknown; headers?: Record<string, string> }
  | { kind: 'sse'; events: string[]; headers?: Record<string, string> }
  | { kind: 'hang' }
  | { kind: 'reset' };

/** A reply, or a function of the request that makes one (to echo what was asked). */
export type FakeLlmResponder = FakeLlmReply | ((request: FakeLlmRequest) => FakeLlmReply);

export interface FakeLlmServer {
  /** The provider's base URL: origin and API prefix (`http://127.0.0.1:PORT/v1`), for LLM_BASE_URL. */
  readonly baseUrl: string;
  /** Every request in arrival order: `requests.length` is how many model calls were made. */
  readonly requests: FakeLlmRequest[];
  /** Queues replies: the next requests get them in order; once used up, the vendor's default answer applies. */
  respondWith(...replies: FakeLlmResponder[]): void;
  /** Resolves once `count` requests have arrived (since the last reset): an event to await instead of a sleep. */
  waitForRequests(count: number): Promise<FakeLlmRequest[]>;
  /** Forgets requests and queued replies (between tests). */
  reset(): void;
  /** Ends hanging and kept-alive connections, then stops listening; a second call does nothing. */
  close(): Promise<void>;
}

/**
 * A local HTTP peer for a model provider (only 127.0.0.1): records each request, answers with the
 * next queued reply or the vendor's default. Vendor files (fake-openai-server, fake-anthropic-server)
 * supply the defaults and build wire-format replies, so the real provider packages run unmocked.
 */
export async function startFakeLlmServer(options: { prefix: string; fallback: (request: FakeLlmRequest) => FakeLlmReply }): Promise<FakeLlmServer> {
  const requests: FakeLlmRequest[] = [];
  const queue: FakeLlmResponder[] = [];
  const waiters: Array<{ count: number; resolve: (requests: FakeLlmRequest[]) => void }> = [];
  const notify = () => {
    for (const waiter of waiters.filter((w) => requests.length >= w.count)) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve(requests.slice(0, waiter.count));
    }
  };
  const server = createServer((incoming, response) => {
    void readBody(incoming).then((raw) => {
      const request: FakeLlmRequest = { method: incoming.method ?? 'GET', path: incoming.url ?? '/', headers: incoming.headers, body: parseBody(raw) };
      requests.push(request);
      notify();
      const next = queue.shift() ?? options.fallback;
      send(typeof next === 'function' ? next(request) : next, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    baseUrl: `${origin}${options.prefix}`,
    requests,
    respondWith: (...replies) => void queue.push(...replies),
    waitForRequests: (count) =>
      new Promise((resolve) => {
        waiters.push({ count, resolve });
        notify();
      }),
    reset: () => {
      requests.length = 0;
      queue.length = 0;
    },
    close: async () => {
      if (!server.listening) return;
      // A hanging reply holds its connection open, and clients keep idle ones alive: close() alone would wait for both.
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

function send(reply: FakeLlmReply, response: ServerResponse): void {
  switch (reply.kind) {
    case 'json':
      response.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
      response.end(typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body));
      return;
    case 'sse':
      response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', ...reply.headers });
      for (const event of reply.events) response.write(event);
      response.end();
      return;
    case 'hang':
      return;
    case 'reset':
      // An RST rather than a clean close: the client sees ECONNRESET, as when a proxy or the provider drops it.
      response.socket?.resetAndDestroy();
      return;
  }
}

async function readBody(incoming: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parseBody(raw: string): Record<string, unknown> {
  if (!raw) return {};
  try {
    return JSON.parse(raw) as Record<string, unknown>;
  } catch {
    return { unparsed: raw };
  }
}
