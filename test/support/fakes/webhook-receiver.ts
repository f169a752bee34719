import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface ReceivedWebhook {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * A local webhook receiver: each path answers its scripted statuses in order (the last one
 * repeating), records what it received, and lets a test await the n-th request on a path
 * instead of polling for it.
 */
export class WebhookReceiver {
  private server?: Server;
  private readonly scripts = new Map<string, number[]>();
  private readonly received = new Map<string, ReceivedWebhook[]>();
  private readonly waiters = new Set<{ path: string; count: number; resolve: (requests: ReceivedWebhook[]) => void }>();
  baseUrl = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const path = new URL(req.url ?? '/', 'http://receiver').pathname;
        const requests = this.requestsOn(path);
        requests.push({ path, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        const script = this.scripts.get(path) ?? [200];
        res.writeHead(script.length > 1 ? script.shift()! : script[0]).end('ok');
        for (const waiter of [...this.waiters]) {
          if (waiter.path === path && requests.length >= waiter.count) {
            this.waiters.delete(waiter);
            waiter.resolve([...requests]);
          }
        }
      });
    });
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }

  /** The path answers these statuses in turn, then the last one for good. */
  answer(path: string, ...statuses: number[]): string {
    this.scripts.set(path, statuses.length > 0 ? statuses : [200]);
    return `${this.baseUrl}${path}`;
  }

  requestsOn(path: string): ReceivedWebhook[] {
    let requests = this.received.get(path);
    if (!requests) this.received.set(path, (requests = []));
    return requests;
  }

  /** Resolves with the path's requests once it has received `count`; fails past the deadline. */
  waitFor(path: string, count: number, timeoutMs = 10_000): Promise<ReceivedWebhook[]> {
    const requests = this.requestsOn(path);
    if (requests.length >= count) return Promise.resolve([...requests]);
    return new Promise((resolve, reject) => {
      const waiter = { path, count, resolve: (all: ReceivedWebhook[]) => (clearTimeout(timer), resolve(all)) };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for request ${count} on ${path}; received ${this.requestsOn(path).length}`));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }
}

/** Verifies a received delivery as a receiver would, with the standardwebhooks package; answers the payload. */
export function verifiedPayload(secret: string, request: ReceivedWebhook): { type: string; timestamp: string; data: Record<string, unknown> } {
  return new Webhook(secret).verify(request.body, request.headers as Record<string, string>) as { type: string; timestamp: string; data: Record<string, unknown> };
}
