import { bearer } from '../support/app';
import { useE2eApp } from '../support/e2e-context';
import { listen, sendRaw, type RawAnswer } from '../support/raw-http';

const REQUEST_TIMEOUT_MS = 1_000;

describe('HTTP error contract', () => {
  const sut = useE2eApp({ config: { bodyLimitBytes: 2048, requestTimeoutMs: REQUEST_TIMEOUT_MS } });

  const errorShape = (status: number) => ({
    statusCode: status,
    error: expect.any(String),
    message: expect.any(String),
    requestId: expect.any(String),
  });

  it('should answer an unknown route with 404 in the error shape', async () => {
    const res = await sut.http.get('/no/such/route').expect(404);
    expect(res.body).toEqual(errorShape(404));
  });

  it('should answer malformed JSON with 400', async () => {
    const res = await sut.http.post('/v1/api-keys').set(bearer(sut.apiKey)).set('content-type', 'application/json').send('{"name":').expect(400);
    expect(res.body).toEqual(errorShape(400));
    expect(res.body.message).toMatch(/JSON/);
  });

  it('should answer a body over the limit with 413', async () => {
    const res = await sut.http.post('/v1/api-keys').set(bearer(sut.apiKey)).send({ name: 'x'.repeat(4096) }).expect(413);
    expect(res.body).toEqual(errorShape(413));
  });

  it('should name every offending field when validation fails', async () => {
    const res = await sut.http.post('/v1/api-keys').set(bearer(sut.apiKey)).send({ name: 42, extra: true }).expect(400);
    expect(res.body.message).toContain('name must be a string');
    expect(res.body.message).toContain('property extra should not exist');
  });

  it('should answer 401 the same way for a missing, malformed, unknown or non-bearer key', async () => {
    const answers = await Promise.all([
      sut.http.get('/v1/me'),
      sut.http.get('/v1/me').set('Authorization', 'Bearer not-a-key'),
      sut.http.get('/v1/me').set('Authorization', `Bearer nh_${'A'.repeat(43)}`),
      sut.http.get('/v1/me').set('Authorization', `Basic ${sut.apiKey}`),
    ]);
    for (const res of answers) {
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ ...errorShape(401), message: 'missing or invalid API key' });
    }
  });

  it('should answer a malformed id with 400, not 500', async () => {
    const res = await sut.http.delete('/v1/api-keys/not-a-uuid').set(bearer(sut.apiKey)).expect(400);
    expect(res.body).toEqual(errorShape(400));
  });

  it('should echo a valid X-Request-Id in the header and the error body', async () => {
    const res = await sut.http.get('/v1/me').set('X-Request-Id', 'client-trace.42').expect(401);
    expect(res.headers['x-request-id']).toBe('client-trace.42');
    expect(res.body.requestId).toBe('client-trace.42');
  });

  it('should generate a request id when none or an unsafe one is sent', async () => {
    const [none, unsafe] = await Promise.all([sut.http.get('/health/live'), sut.http.get('/health/live').set('X-Request-Id', 'bad id\twith spaces')]);
    expect(none.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(unsafe.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});

/** Requests only a raw socket can send, each with the status its fault deserves. */
const MALFORMED_REQUESTS: Array<[string, number, (apiKey: string) => string]> = [
  ['a request line that is not HTTP', 400, () => 'hello\r\n\r\n'],
  ['an unknown method token', 400, () => 'FOO / HTTP/1.1\r\nHost: x\r\n\r\n'],
  ['a method no route has', 404, () => 'PROPFIND /v1/runs HTTP/1.1\r\nHost: x\r\n\r\n'],
  ['a Content-Length that is not a number', 400, () => 'POST /v1/api-keys HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n'],
  ['both Content-Length and chunked encoding', 400, () => 'POST /v1/api-keys HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n'],
  ['headers larger than the limit', 431, () => `GET /health/live HTTP/1.1\r\nHost: x\r\nX-Filler: ${'a'.repeat(20_000)}\r\n\r\n`],
  ['a URL larger than the header limit', 431, () => `GET /${'a'.repeat(100_000)} HTTP/1.1\r\nHost: x\r\n\r\n`],
  ['a bad percent-encoding in the path', 400, () => 'GET /v1/runs/%zz HTTP/1.1\r\nHost: x\r\n\r\n'],
  ['a path parameter over the router limit', 414, () => `GET /v1/runs/${'a'.repeat(200)} HTTP/1.1\r\nHost: x\r\n\r\n`],
  ['an unknown route', 404, () => 'GET /no/such/route HTTP/1.1\r\nHost: x\r\n\r\n'],
  ['a content type the API does not speak', 415, (key) => post('/v1/api-keys', key, 'text/plain', 'name=x')],
  ['a form body', 415, (key) => post('/v1/api-keys', key, 'application/x-www-form-urlencoded', 'name=x')],
  ['malformed JSON', 400, (key) => post('/v1/api-keys', key, 'application/json', '{"name":')],
  ['JSON poisoning the prototype', 400, (key) => post('/v1/api-keys', key, 'application/json', '{"__proto__":{"name":"x"}}')],
  ['a body over the limit', 413, (key) => post('/v1/api-keys', key, 'application/json', JSON.stringify({ name: 'x'.repeat(4096) }))],
];

function post(path: string, apiKey: string, contentType: string, body: string): string {
  return `POST ${path} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${apiKey}\r\nContent-Type: ${contentType}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
}

function expectErrorShape(answer: RawAnswer, status: number): void {
  expect(answer.status).toBe(status);
  expect(answer.body).toEqual({ statusCode: status, error: expect.any(String), message: expect.any(String), requestId: expect.any(String) });
  expect(answer.headers['x-request-id']).toBe((answer.body as { requestId: string }).requestId);
  expect(answer.headers['content-type']).toMatch(/^application\/json/);
}

describe('HTTP error contract on the wire', () => {
  const sut = useE2eApp({ config: { bodyLimitBytes: 2048, requestTimeoutMs: REQUEST_TIMEOUT_MS } });
  let port: number;
  beforeAll(async () => {
    port = await listen(sut.app);
  });

  it.each(MALFORMED_REQUESTS)('should answer %s with %i in the one error shape and a request id', async (_name, status, request) => {
    const answer = await sendRaw(port, request(sut.apiKey));

    expectErrorShape(answer, status);
  });

  it('should answer a body shorter than its Content-Length with 408 and close the connection', async () => {
    const answer = await sendRaw(port, post('/v1/api-keys', sut.apiKey, 'application/json', '{"name":"short"}').replace(/Content-Length: \d+/, 'Content-Length: 64'));

    expectErrorShape(answer, 408);
    expect(answer.closed).toBe(true);
  });

  it('should answer 408 to a client that never finishes its headers, and close the connection', async () => {
    const answer = await sendRaw(port, 'GET /health/live HTTP/1.1\r\nHost: x\r\n');

    expectErrorShape(answer, 408);
    expect(answer.closed).toBe(true);
  });

  it('should not cut a sync run that answers later than the request timeout, once its body is in', async () => {
    const body = JSON.stringify({ agent: 'echo', mode: 'sync', input: { delayMs: REQUEST_TIMEOUT_MS * 2 } });

    const answer = await sendRaw(port, post('/v1/runs', sut.apiKey, 'application/json', body));

    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ status: 'COMPLETED' });
  });
});

