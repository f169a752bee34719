import { bearer } from '../support/app';
import { useE2eApp } from '../support/e2e-context';

describe('HTTP error contract', () => {
  const sut = useE2eApp({ config: { bodyLimitBytes: 2048 } });

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
