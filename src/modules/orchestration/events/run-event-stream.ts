import type { ServerResponse } from 'node:http';
import { isFinalRunEvent, TEXT_DELTA_EVENT, type RunEventRecord } from './run-event';
import type { FeedMessage, RunFollower } from './run-event-feed';
import { toRunEventView } from './run-event.view';

/** Proxies and load balancers cut a connection silent for 30-60 s; a comment line keeps it open. */
export const HEARTBEAT_MS = 15_000;
/** Stored events read per query while catching up. */
const CATCH_UP_PAGE = 500;
/** A client this far behind is cut (it resumes with Last-Event-ID) instead of growing our memory. */
const MAX_BUFFERED_BYTES = 1024 * 1024;

export interface RunEventStreamOptions {
  runId: string;
  /** The last stored event the client has (exclusive start); null for the whole log. */
  lastEventId: string | null;
  /** The run had ended when the stream opened: close once the stored log is sent, final event or not. */
  endedAtOpen: boolean;
  /** The stored log, after an id (RunEvents.after). */
  readAfter(runId: string, afterId: string | null, limit: number): Promise<RunEventRecord[]>;
  onError(error: Error): void;
  heartbeatMs?: number;
}

/**
 * One client's SSE stream of one run. It is already following the run's channel when `start`
 * reads the stored log after the client's last id, so nothing published meanwhile is missed: live
 * messages wait in `pending` until the stored ones are written, then go out, a stored event only
 * if its id is past the last one written (no gap, no duplicate). Text deltas carry no id, so the
 * client's Last-Event-ID stays on the last stored event. The stream ends after the final event.
 */
export class RunEventStream implements RunFollower {
  private lastId: bigint;
  /** Live messages held while the stored log is being read; null once it is caught up. */
  private pending: FeedMessage[] | null = [];
  private catchUpAgain = false;
  private closed = false;
  private heartbeat?: NodeJS.Timeout;
  private readonly closeHandlers: Array<() => void> = [];

  constructor(private readonly response: ServerResponse, private readonly options: RunEventStreamOptions) {
    this.lastId = BigInt(options.lastEventId ?? '0');
    response.once('close', () => this.close());
  }

  /** Called once, when the stream closes for any reason (the client left, the run ended, shutdown). */
  onClose(handler: () => void): void {
    if (this.closed) handler();
    else this.closeHandlers.push(handler);
  }

  /** Writes the head, then the stored events, then live ones until the final event. */
  start(headers: Record<string, string | string[] | number | undefined>): void {
    if (this.closed) return;
    this.response.writeHead(200, {
      ...headers,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      // nginx buffers responses unless told otherwise; events must go out as they happen.
      'x-accel-buffering': 'no',
    });
    this.heartbeat = setInterval(() => this.write(': ping\n\n'), this.options.heartbeatMs ?? HEARTBEAT_MS);
    void this.catchUp();
  }

  deliver(message: FeedMessage): void {
    if (this.closed) return;
    if (this.pending) this.pending.push(message);
    else this.send(message);
  }

  resync(): void {
    if (this.closed) return;
    if (this.pending) this.catchUpAgain = true;
    else {
      this.pending = [];
      void this.catchUp();
    }
  }

  end(): void {
    this.close();
  }

  private async catchUp(): Promise<void> {
    try {
      do {
        this.catchUpAgain = false;
        let page: RunEventRecord[];
        do {
          page = await this.options.readAfter(this.options.runId, this.lastId.toString(), CATCH_UP_PAGE);
          for (const event of page) this.send({ event, json: JSON.stringify(toRunEventView(event)) });
          if (this.closed) return;
        } while (page.length === CATCH_UP_PAGE);
      } while (this.catchUpAgain);
      if (this.options.endedAtOpen) return this.close();
      const live = this.pending ?? [];
      this.pending = null;
      for (const message of live) this.send(message);
    } catch (error) {
      this.options.onError(error as Error);
      this.close();
    }
  }

  private send({ event, json }: FeedMessage): void {
    if (this.closed) return;
    if (event.type === TEXT_DELTA_EVENT) {
      this.write(`event: ${event.type}\ndata: ${json}\n\n`);
      return;
    }
    const id = BigInt(event.id);
    if (id <= this.lastId) return;
    this.lastId = id;
    this.write(`id: ${event.id}\nevent: ${event.type}\ndata: ${json}\n\n`);
    if (isFinalRunEvent(event)) this.close();
  }

  private write(frame: string): void {
    if (this.closed) return;
    if (this.response.writableLength > MAX_BUFFERED_BYTES) {
      this.close();
      return;
    }
    this.response.write(frame);
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    this.pending = null;
    clearInterval(this.heartbeat);
    if (!this.response.writableEnded && !this.response.destroyed) this.response.end();
    for (const handler of this.closeHandlers.splice(0)) handler();
  }
}
