/** Counts a process's PostgreSQL round trips: a proxy between it and the server that reads the client's side of the protocol. */
import { connect, createServer } from 'node:net';

/**
 * A pass-through TCP proxy in front of PostgreSQL that reads the client's protocol messages:
 * each Sync (extended protocol) or Query (simple protocol) is one round trip; Parse and Query carry the SQL.
 */
export async function startPgCounter(target: URL) {
  const state = { roundTrips: 0, recording: null as string[] | null, port: 0 };
  const server = createServer((client) => {
    const upstream = connect(Number(target.port || 5432), target.hostname);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
    upstream.pipe(client);
    let buffer = Buffer.alloc(0);
    let started = false;
    client.on('data', (chunk: Buffer) => {
      upstream.write(chunk);
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        const head = started ? 1 : 0;
        if (buffer.length < head + 4) break;
        const size = head + buffer.readInt32BE(head);
        if (buffer.length < size) break;
        const message = buffer.subarray(0, size);
        buffer = buffer.subarray(size);
        if (!started) {
          started = message.readInt32BE(4) !== 80877103; // an SSLRequest precedes the real startup message
          continue;
        }
        const type = String.fromCharCode(message[0]);
        if (type === 'S' || type === 'Q') state.roundTrips++;
        if (state.recording && (type === 'P' || type === 'Q')) {
          const text = type === 'Q' ? message.subarray(5) : message.subarray(message.indexOf(0, 5) + 1);
          state.recording.push(text.subarray(0, text.indexOf(0)).toString().replace(/\s+/g, ' '));
        }
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  state.port = (server.address() as { port: number }).port;
  const url = Object.assign(new URL(target.toString()), { port: String(state.port), hostname: '127.0.0.1' }).toString();
  return { state, url, close: () => new Promise((r) => server.close(r)) };
}
