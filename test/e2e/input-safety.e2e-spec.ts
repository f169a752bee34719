import { bearer } from '../support/app';
import { useE2eApp } from '../support/e2e-context';
import { MAX_JSON_DEPTH } from '../../src/common/validation/storable-text';

const forgedCursor = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const RUN_ID = '0f8fad5b-d9cb-469f-a165-70867728950e';

/** Inputs a fuzzer turned into 500s: each is the client's mistake, a 400 naming the field. */
describe('Input the database cannot take', () => {
  const sut = useE2eApp();

  const expect400Naming = (res: { status: number; body: Record<string, unknown> }, field: string) => {
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ statusCode: 400, error: 'Bad Request', message: expect.stringContaining(field), requestId: expect.any(String) });
  };

  const postJson = (path: string, json: string) => sut.http.post(path).set(bearer(sut.apiKey)).set('content-type', 'application/json').send(json);

  it.each([
    ['a NUL in the agent filter', '/v1/runs?agent=%00', 'query.agent'],
    ['a NUL inside a longer filter', '/v1/runs?agent=echo%00x', 'query.agent'],
    ['a year Postgres cannot take in since', '/v1/runs?since=%2B275760-09-13T00:00:00Z', 'since'],
    ['a negative year in until', '/v1/runs?until=-000001-01-01T00:00:00Z', 'until'],
    ['year 0 in since', '/v1/runs?since=0000-06-01T00:00:00Z', 'since'],
    ['a date that is not one', '/v1/runs?since=2026-13-45', 'since'],
    ['a cursor with an out-of-range date', `/v1/runs?cursor=${forgedCursor(['+275760-09-13T00:00:00.000Z', RUN_ID])}`, 'cursor'],
    ['a cursor with a forged id', `/v1/runs?cursor=${forgedCursor(['2026-11-22T08:00:00.000Z', '-'.repeat(36)])}`, 'cursor'],
    ['a NUL in a path parameter', '/v1/agents/echo%00', 'params.name'],
  ])('should answer %s with 400 naming it', async (_name, path, field) => {
    const res = await sut.http.get(path).set(bearer(sut.apiKey));

    expect400Naming(res, field);
  });

  it.each([
    ['a NUL in a string', '{"agent":"echo","input":{"message":"a\\u0000b"}}', 'body.input.message'],
    ['a lone high surrogate', '{"agent":"echo","input":{"message":"a\\ud800"}}', 'body.input.message'],
    ['a lone low surrogate in an array', '{"agent":"echo","input":{"items":["ok","\\udc00"]}}', 'body.input.items[1]'],
    ['a NUL in a key', '{"agent":"echo","input":{"k\\u0000":1}}', 'body.input'],
    ['nesting 3,000 levels deep', `{"agent":"echo","input":{"a":${'['.repeat(3000)}${']'.repeat(3000)}}}`, `nested more than ${MAX_JSON_DEPTH} levels`],
  ])('should answer a JSON body with %s with 400 naming it', async (_name, json, field) => {
    const res = await postJson('/v1/runs', json);

    expect400Naming(res, field);
  });

  it(`should accept a body nested ${MAX_JSON_DEPTH} levels deep and emoji (surrogate pairs)`, async () => {
    const nested = `${'['.repeat(MAX_JSON_DEPTH - 1)}${']'.repeat(MAX_JSON_DEPTH - 1)}`;
    const res = await postJson('/v1/runs', `{"agent":"echo","mode":"sync","input":{"message":"launch \\ud83d\\ude80"}}`);
    const deep = await sut.http.post('/v1/api-keys').set(bearer(sut.apiKey)).set('content-type', 'application/json').send(`{"name":${nested}}`);

    expect(res.status).toBe(201);
    expect(res.body.output).toMatchObject({ message: 'launch 🚀' });
    // Deep but allowed: it reaches validation, which refuses it for its own reason.
    expect(deep.status).toBe(400);
    expect(deep.body.message).toContain('name must be a string');
  });
});

describe('Body-less actions', () => {
  const sut = useE2eApp();

  it('should accept an empty JSON body on a route that takes none', async () => {
    const run = await sut.http.post('/v1/runs').set(bearer(sut.apiKey)).send({ agent: 'echo', mode: 'async', input: { delayMs: 60_000 } }).expect(202);

    const res = await sut.http.post(`/v1/runs/${run.body.id}/cancel`).set(bearer(sut.apiKey)).set('content-type', 'application/json').send('');

    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ id: run.body.id });
  });

  it('should still answer a validation 400 when a route that needs a body gets an empty one', async () => {
    const res = await sut.http.post('/v1/runs').set(bearer(sut.apiKey)).set('content-type', 'application/json').send('');

    expect(res.status).toBe(400);
    expect(res.body.message).toContain('agent');
  });
});
