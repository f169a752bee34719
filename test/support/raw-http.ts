import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { connect } from 'node:net';

export interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  /** The body parsed as JSON, or the raw text when it is not JSON. */
  body: unknown;
  /** True when the server closed the connection (instead of keeping it alive for another request). */
  closed: boolean;
}

/** The app on an ephemeral port of its own, for clients that need a real socket. */
export async function listen(app: NestFastifyApplication): Promise<number> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  return (app.getHttpServer().address() as { port: number }).port;
}

/**
 * Sends bytes exactly as given (malformed request lines, short bodies, oversized headers: what
 * an HTTP client library refuses to produce) and reads one answer. Resolves once the answer is
 * complete and the server has either closed the connection or `settleMs` passed without it.
 */
export function sendRaw(port: number, bytes: string | Buffer, settleMs = 300): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let timer: NodeJS.Timeout | undefined;
    const finish = (closed: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      try {
        resolve(parseAnswer(Buffer.concat(chunks), closed));
      } catch (error) {
        reject(error);
      }
    };
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      if (isComplete(Buffer.concat(chunks))) timer ??= setTimeout(() => finish(false), settleMs);
    });
    // A server that resets after answering (unread input left behind) has still answered.
    socket.on('error', () => undefined);
    socket.on('close', () => finish(true));
    socket.write(bytes);
  });
}

function isComplete(raw: Buffer): boolean {
  const end = raw.indexOf('\r\n\r\n');
  if (end < 0) return false;
  const length = /\r\ncontent-length: *(\d+)/i.exec(raw.subarray(0, end).toString('latin1'));
  return length !== null && raw.length >= end + 4 + Number(length[1]);
}

function parseAnswer(raw: Buffer, closed: boolean): RawAnswer {
  const end = raw.indexOf('\r\n\r\n');
  if (end < 0) throw new Error(`no HTTP answer (closed: ${closed}): ${JSON.stringify(raw.toString('latin1'))}`);
  const [statusLine, ...lines] = raw.subarray(0, end).toString('latin1').split('\r\n');
  const headers = Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
  const text = raw.subarray(end + 4).toString('utf8');
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: the test sees the text.
  }
  return { status: Number(statusLine.split(' ')[1]), headers, body, closed };
}
