import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  rawBody: string;
}

export interface ScriptedAnswer {
  status: number;
  headers?: Record<string, string>;
  /** Objects are sent as JSON, strings as they are. */
  body?: unknown;
  /** Answer this late (slow provider): longer than the client's timeout makes it give up. */
  delayMs?: number;
}

/** A vendor's routes: from a recorded request to its answer. */
export type FakeRoutes = (request: RecordedRequest) => ScriptedAnswer;

/**
 * A local HTTP peer for provider tests: records every request (auth header, body) and answers
 * through the vendor's routes, unless a test queued answers first (429, 5xx, slow answers), so
 * the code under test speaks real HTTP and nothing is mocked away.
 */
export class ScriptedHttpServer {
  readonly requests: RecordedRequest[] = [];
  private readonly queued: ScriptedAnswer[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private server?: Server;
  private url = '';

  constructor(private readonly routes: FakeRoutes) {}

  get baseUrl(): string {
    return this.url;
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = undefined;
  }

  /** The next requests get these answers, in order, before the routes answer again. */
  enqueue(...answers: ScriptedAnswer[]): void {
    this.queued.push(...answers);
  }

  /** Forgets recorded requests and queued answers (between tests). */
  reset(): void {
    this.requests.length = 0;
    this.queued.length = 0;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://fake');
    const recorded: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      rawBody: Buffer.concat(chunks).toString('utf8'),
    };
    this.requests.push(recorded);
    const answer = this.queued.shift() ?? this.routes(recorded);
    const send = () => {
      if (res.destroyed) return;
      const body = answer.body === undefined ? '' : typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
      const contentType = typeof answer.body === 'string' ? 'text/plain' : 'application/json';
      res.writeHead(answer.status, { 'content-type': contentType, ...answer.headers });
      res.end(body);
    };
    if (!answer.delayMs) return send();
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      send();
    }, answer.delayMs);
    this.timers.add(timer);
  }
}
