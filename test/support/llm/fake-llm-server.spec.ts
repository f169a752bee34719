import { FAKE_OPENAI_ANSWER, openAiReplies, startFakeOpenAiServer } from './fake-openai-server';
import type { FakeLlmServer } from './fake-llm-server';

const contentOf = async (response: Response) => ((await response.json()) as { choices: [{ message: { content: string } }] }).choices[0].message.content;
const post = (server: FakeLlmServer, path: string, body: unknown) =>
  fetch(`${server.baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe(startFakeOpenAiServer.name, () => {
  let sut: FakeLlmServer;

  beforeEach(async () => {
    sut = await startFakeOpenAiServer();
  });

  afterEach(() => sut.close());

  it('should answer queued replies in order, then the default answer, recording each parsed body', async () => {
    sut.respondWith(openAiReplies.text('first'), (request) => openAiReplies.text(`echo ${String(request.body.model)}`));
    const answers: string[] = [];
    for (const model of ['m0', 'm1', 'm2']) answers.push(await contentOf(await post(sut, '/chat/completions', { model })));
    expect(answers).toEqual(['first', 'echo m1', FAKE_OPENAI_ANSWER]);
    expect(sut.requests.map((request) => [request.method, request.path, request.body.model])).toEqual([
      ['POST', '/v1/chat/completions', 'm0'],
      ['POST', '/v1/chat/completions', 'm1'],
      ['POST', '/v1/chat/completions', 'm2'],
    ]);
  });

  it('should answer embeddings by default with one vector per input at the requested dimensions', async () => {
    const body = (await (await post(sut, '/embeddings', { input: ['a', 'b'], dimensions: 4 })).json()) as { data: { embedding: number[] }[] };
    expect(body.data.map((item) => item.embedding)).toEqual([
      [1, 0, 0, 0],
      [0, 1, 0, 0],
    ]);
  });

  it('should resolve waitForRequests once that many requests arrived, even one that hangs', async () => {
    sut.respondWith({ kind: 'hang' });
    const hanging = post(sut, '/chat/completions', { model: 'm' });
    hanging.catch(() => undefined);
    const [request] = await sut.waitForRequests(1);
    expect(request.body).toEqual({ model: 'm' });
    // close() must end the hanging exchange rather than wait for it.
    await sut.close();
    await expect(hanging).rejects.toThrow('fetch failed');
  });

  it('should forget requests and queued replies on reset', async () => {
    sut.respondWith(openAiReplies.error(500, 'never sent'));
    await post(sut, '/chat/completions', {});
    sut.respondWith(openAiReplies.error(500, 'never sent'));
    sut.reset();
    expect(sut.requests).toEqual([]);
    expect((await post(sut, '/chat/completions', {})).status).toBe(200);
  });
});
