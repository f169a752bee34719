import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { follow } from './sse-follower';

describe(follow.name, () => {
  let server: Server;
  let url: string;
  let respond: (res: ServerResponse) => void;
  let seenHeaders: Record<string, string | string[] | undefined>;

  beforeAll(async () => {
    server = createServer((req, res) => {
      seenHeaders = req.headers;
      respond(res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/events`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('should parse events split across chunks, skip heartbeats, and keep their order until the server closes', async () => {
    respond = (res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('id: 1\nevent: run.started\ndata: {"id":"1"}\n\n: ping\n\nid: 2\nev');
      setImmediate(() => res.end('ent: run.completed\ndata: {"id":"2"}\n\nevent: step.text_delta\ndata: {"delta":"x"}\n\n'));
    };

    const sut = await follow(url, { authorization: 'Bearer k' });

    expect(sut).toMatchObject({ status: 200, malformed: 0 });
    expect(sut.events.map((e) => [e.id, e.type])).toEqual([
      ['1', 'run.started'],
      ['2', 'run.completed'],
      [null, 'step.text_delta'],
    ]);
    expect(seenHeaders).toMatchObject({ accept: 'text/event-stream', authorization: 'Bearer k' });
  });

  it('should count data that is not JSON or disagrees with its id as malformed', async () => {
    respond = (res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end('id: 3\nevent: a\ndata: not json\n\nid: 4\nevent: b\ndata: {"id":"5"}\n\n');
    };

    const sut = await follow(url, {});

    expect(sut.malformed).toBe(2);
    expect(sut.events).toHaveLength(2);
  });

  it('should answer the status of a refused stream and a connection error instead of throwing', async () => {
    respond = (res) => res.writeHead(404, { 'content-type': 'application/json' }).end('{"statusCode":404}');

    const refused = await follow(url, {});
    const unreachable = await follow('http://127.0.0.1:1/events', {});

    expect(refused).toMatchObject({ status: 404, events: [] });
    expect(unreachable.error).toMatch(/ECONNREFUSED/);
  });
});
