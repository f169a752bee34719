import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type DocumentRoute = (request: IncomingMessage, response: ServerResponse) => void;

export interface SeenRequest {
  path: string;
  host?: string;
  headers: IncomingMessage['headers'];
}

/**
 * A local web site for intake tests, on 127.0.0.1 only: each path answers through a handler that
 * writes the raw response (streamed, stalled, redirected, mislabelled), and every request that
 * reached it is recorded, so a test can show that a refused URL was never requested at all.
 */
export class DocumentServer {
  readonly seen: SeenRequest[] = [];
  private readonly routes = new Map<string, DocumentRoute>();
  private server?: Server;
  private origin = '';

  get baseUrl(): string {
    return this.origin;
  }

  get port(): number {
    return Number(new URL(this.origin).port);
  }

  route(path: string, handler: DocumentRoute): this {
    this.routes.set(path, handler);
    return this;
  }

  /** A document at `path` with its Content-Type and a Content-Length. */
  serve(path: string, contentType: string, body: string | Uint8Array, headers: Record<string, string> = {}): this {
    const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body);
    return this.route(path, (_request, response) => {
      response.writeHead(200, { 'content-type': contentType, 'content-length': String(bytes.length), ...headers });
      response.end(bytes);
    });
  }

  redirect(path: string, location: string, status = 302): this {
    return this.route(path, (_request, response) => {
      response.writeHead(status, { location });
      response.end();
    });
  }

  url(path: string): string {
    return `${this.origin}${path}`;
  }

  async start(): Promise<this> {
    this.server = createServer((request, response) => {
      const path = new URL(request.url ?? '/', 'http://document-server').pathname;
      this.seen.push({ path, host: request.headers.host, headers: request.headers });
      const handler = this.routes.get(path);
      if (handler) return handler(request, response);
      response.writeHead(404, { 'content-type': 'text/plain' });
      response.end('not found');
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** Ends stalled responses too, so no socket outlives the test. */
  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = undefined;
  }
}
