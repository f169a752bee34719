import { request, type IncomingMessage } from 'node:http';

export interface SseEvent {
  id?: string;
  event?: string;
  data: string;
}

/**
 * A Server-Sent Events client on a real socket: the test reads the stream as it arrives (events,
 * comments), can await an event or the server's end of the stream, and can hang up mid-stream.
 * A non-200 answer is read whole into `body`.
 */
export class SseClient {
  readonly events: SseEvent[] = [];
  readonly comments: string[] = [];
  body = '';
  /** Resolves when the server ends the response (or the connection is gone). */
  readonly ended: Promise<void>;
  private buffer = '';
  private waiters: Array<() => void> = [];
  private endedNow = false;

  private constructor(readonly response: IncomingMessage) {
    response.setEncoding('utf8');
    this.ended = new Promise((resolve) => {
      response.on('data', (chunk: string) => this.take(chunk));
      response.on('close', () => {
        this.endedNow = true;
        this.notify();
        resolve();
      });
    });
  }

  /** Resolves with the response head (a 200 head means the server is following the run). */
  static open(url: string, headers: Record<string, string>): Promise<SseClient> {
    return new Promise((resolve, reject) => {
      const req = request(url, { headers: { accept: 'text/event-stream', ...headers } }, (res) => resolve(new SseClient(res)));
      req.on('error', reject);
      req.end();
    });
  }

  get status(): number {
    return this.response.statusCode ?? 0;
  }

  /** The first event that matches, once it has arrived; rejects if the stream ends without it. */
  async waitFor(match: (event: SseEvent) => boolean): Promise<SseEvent> {
    for (;;) {
      const found = this.events.find(match);
      if (found) return found;
      if (this.endedNow) throw new Error(`stream ended without the awaited event; got ${JSON.stringify(this.events.map((e) => e.event))}`);
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  /** The client hangs up. */
  close(): Promise<void> {
    this.response.destroy();
    return this.ended;
  }

  /** The JSON `data:` of each event, in order. */
  get data(): Array<Record<string, unknown>> {
    return this.events.map((e) => JSON.parse(e.data) as Record<string, unknown>);
  }

  private take(chunk: string): void {
    if (this.status !== 200) {
      this.body += chunk;
      return;
    }
    this.buffer += chunk;
    for (let end = this.buffer.indexOf('\n\n'); end >= 0; end = this.buffer.indexOf('\n\n')) {
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      this.parse(block);
    }
    this.notify();
  }

  private parse(block: string): void {
    const event: SseEvent = { data: '' };
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) this.comments.push(line.slice(1).trim());
      else if (line.startsWith('id: ')) event.id = line.slice(4);
      else if (line.startsWith('event: ')) event.event = line.slice(7);
      else if (line.startsWith('data: ')) data.push(line.slice(6));
    }
    if (data.length === 0) return;
    event.data = data.join('\n');
    this.events.push(event);
  }

  private notify(): void {
    for (const wake of this.waiters.splice(0)) wake();
  }
}
