import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import { TEXT_DELTA_EVENT, type RunEventRecord, type StoredRunEventType } from './run-event';
import { RunEventStream } from './run-event-stream';
import { toRunEventView } from './run-event.view';

const RUN = '0b8a6c1e-5f7d-4d2a-9c3e-7a1b2c3d4e5f';

/** The part of a ServerResponse the stream uses, recording what was written. */
class FakeResponse extends EventEmitter {
  written = '';
  writableEnded = false;
  destroyed = false;
  writableLength = 0;
  writeHead = jest.fn();
  write(chunk: string): boolean {
    this.written += chunk;
    return true;
  }
  end(): void {
    this.writableEnded = true;
  }
  get ids(): string[] {
    return [...this.written.matchAll(/^id: (\d+)$/gm)].map((m) => m[1]);
  }
}

function event(id: number, type: StoredRunEventType = 'step.started'): RunEventRecord {
  return { id: String(id), organizationId: 'org', runId: RUN, type, data: {}, createdAt: new Date(0).toISOString() };
}
const message = (e: RunEventRecord) => ({ event: e, json: JSON.stringify(toRunEventView(e)) });

/** A log whose reads wait until the test lets them answer, so live messages can arrive meanwhile. */
function gatedLog(log: RunEventRecord[]) {
  const reads: Array<() => void> = [];
  const readAfter = jest.fn((_run: string, after: string | null) => new Promise<RunEventRecord[]>((resolve) => reads.push(() => resolve(log.filter((e) => BigInt(e.id) > BigInt(after ?? '0'))))));
  return { readAfter, answer: async () => reads.shift()!(), log };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe(RunEventStream.name, () => {
  afterEach(() => jest.useRealTimers());

  it('should send the stored events, then the live ones that came meanwhile, dropping those already sent', async () => {
    const response = new FakeResponse();
    const log = gatedLog([event(1, 'run.created'), event(2, 'run.started')]);
    const sut = new RunEventStream(response as unknown as ServerResponse, { runId: RUN, lastEventId: null, endedAtOpen: false, readAfter: log.readAfter, onError: jest.fn() });
    sut.start({});

    sut.deliver(message(event(2, 'run.started')));
    sut.deliver({ event: { runId: RUN, type: TEXT_DELTA_EVENT, step: 1, delta: 'Hi' }, json: '{"delta":"Hi"}' });
    sut.deliver(message(event(3)));
    await log.answer();
    await flush();
    sut.deliver(message(event(4, 'run.completed')));

    expect(response.ids).toEqual(['1', '2', '3', '4']);
    expect(response.written).toContain('event: step.text_delta\ndata: {"delta":"Hi"}\n\n');
    expect(response.writableEnded).toBe(true);
  });

  it('should read the stored log again after Redis came back, sending only what it missed', async () => {
    const response = new FakeResponse();
    const log = gatedLog([event(1)]);
    const sut = new RunEventStream(response as unknown as ServerResponse, { runId: RUN, lastEventId: null, endedAtOpen: false, readAfter: log.readAfter, onError: jest.fn() });
    sut.start({});
    await log.answer();
    await flush();

    // Published while Redis was away: stored, never delivered live.
    log.log.push(event(2), event(3, 'run.failed'));
    sut.resync();
    await log.answer();
    await flush();

    expect(log.readAfter).toHaveBeenLastCalledWith(RUN, '1', expect.any(Number));
    expect(response.ids).toEqual(['1', '2', '3']);
    expect(response.writableEnded).toBe(true);
  });

  it('should close after the stored log when the run had ended, even without a final event', async () => {
    const response = new FakeResponse();
    const log = gatedLog([event(1, 'run.created')]);
    const sut = new RunEventStream(response as unknown as ServerResponse, { runId: RUN, lastEventId: null, endedAtOpen: true, readAfter: log.readAfter, onError: jest.fn() });
    const closed = jest.fn();
    sut.onClose(closed);
    sut.start({});

    await log.answer();
    await flush();

    expect(response.ids).toEqual(['1']);
    expect(closed).toHaveBeenCalledTimes(1);
  });

  it('should send a heartbeat comment every interval until it closes', async () => {
    jest.useFakeTimers();
    const response = new FakeResponse();
    const sut = new RunEventStream(response as unknown as ServerResponse, { runId: RUN, lastEventId: '5', endedAtOpen: false, readAfter: async () => [], onError: jest.fn(), heartbeatMs: 1_000 });
    sut.start({});

    jest.advanceTimersByTime(2_500);
    response.emit('close');
    jest.advanceTimersByTime(5_000);

    expect(response.written).toBe(': ping\n\n: ping\n\n');
  });

  it('should end the stream and report it when reading the log fails', async () => {
    const response = new FakeResponse();
    const onError = jest.fn();
    const sut = new RunEventStream(response as unknown as ServerResponse, { runId: RUN, lastEventId: null, endedAtOpen: false, readAfter: () => Promise.reject(new Error('connection reset')), onError });
    sut.start({});

    await flush();

    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ message: 'connection reset' }));
    expect(response.writableEnded).toBe(true);
  });

  it('should cut a client that stopped reading instead of buffering without bound', async () => {
    const response = new FakeResponse();
    const sut = new RunEventStream(response as unknown as ServerResponse, { runId: RUN, lastEventId: null, endedAtOpen: false, readAfter: async () => [], onError: jest.fn() });
    sut.start({});
    await flush();
    response.writableLength = 2 * 1024 * 1024;

    sut.deliver(message(event(1)));

    expect(response.written).toBe('');
    expect(response.writableEnded).toBe(true);
  });
});
