/**
 * A minimal Server-Sent Events client for the benches: one plain HTTP connection (no keep-alive
 * pool, so 500 followers are 500 sockets, as 500 browsers would be), `id:` / `event:` / `data:`
 * lines parsed per the SSE format, the receive time of every event kept.
 */
import { request } from 'node:http';

export interface SseEvent {
  id: string | null;
  type: string;
  /** performance.now() when the event's blank line arrived. */
  at: number;
}

export interface Followed {
  status: number;
  events: SseEvent[];
  /** `data:` that was not JSON, or whose id disagreed with the `id:` line. */
  malformed: number;
  error?: string;
}

/** Follows `url` until the server closes the stream; `onEvent` sees each event as it arrives. */
export function follow(url: string, headers: Record<string, string>, onEvent: (event: SseEvent) => void = () => undefined): Promise<Followed> {
  return new Promise((resolve) => {
    const result: Followed = { status: 0, events: [], malformed: 0 };
    const req = request(url, { method: 'GET', agent: false, headers: { accept: 'text/event-stream', ...headers } }, (res) => {
      result.status = res.statusCode ?? 0;
      res.setEncoding('utf8');
      let buffer = '';
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = parse(block, result);
          if (event) {
            result.events.push(event);
            onEvent(event);
          }
        }
      });
      res.on('end', () => resolve(result));
      res.on('error', (error) => resolve({ ...result, error: error.message }));
    });
    req.on('error', (error) => resolve({ ...result, error: error.message }));
    req.end();
  });
}

/** One event block; null for a comment-only block (the `: ping` heartbeat). */
function parse(block: string, result: Followed): SseEvent | null {
  let id: string | null = null;
  let type = 'message';
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'id') id = value;
    else if (field === 'event') type = value;
    else if (field === 'data') data.push(value);
  }
  if (id === null && data.length === 0) return null;
  try {
    const body = JSON.parse(data.join('\n')) as { id?: string };
    if (id !== null && body.id !== id) result.malformed++;
  } catch {
    result.malformed++;
  }
  return { id, type, at: performance.now() };
}
