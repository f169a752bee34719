import { redactForStorage, isSecretKey, PINO_REDACT_PATHS, REDACTED, redactSecrets, TRUNCATED } from './redaction';

/** `{ a: { a: ... { [key]: value } } }` with `levels` objects above the one holding `key`. */
function nested(levels: number, key: string, value: unknown): Record<string, unknown> {
  let out: Record<string, unknown> = { [key]: value };
  for (let i = 0; i < levels; i++) out = { a: out };
  return out;
}

/** Follows `key` down `levels` times. */
function leaf(value: unknown, levels: number, key = 'a'): unknown {
  let current = value;
  for (let i = 0; i < levels; i++) current = (current as Record<string, unknown>)[key];
  return current;
}

/** How many objects deep `key` can be followed, counting no further than `limit` (cycles end). */
function depthOf(value: unknown, key = 'a', limit = 1000): number {
  let depth = 0;
  let current = value;
  while (depth < limit && current !== null && typeof current === 'object' && key in current) {
    current = (current as Record<string, unknown>)[key];
    depth++;
  }
  return depth;
}

/** An error as an HTTP client throws it: request config and response as enumerable properties. */
function upstreamError(): Error & { config: unknown; response: unknown } {
  return Object.assign(new Error('Request failed with status code 401'), {
    config: { url: 'https://api.example.com/v1/chat', headers: { Authorization: 'Bearer sk-live-123', Accept: 'application/json' } },
    response: { status: 401, data: { error: 'invalid_api_key' } },
  });
}

describe(isSecretKey.name, () => {
  it.each([
    'password',
    'Password',
    'PASSWORD',
    'userPassword',
    'passwd',
    'pwd',
    'passphrase',
    'pass',
    'accessToken',
    'refresh_token',
    'idToken',
    'OAuthToken',
    'csrfToken',
    'token',
    'jwt',
    'apiKey',
    'api_key',
    'apiKeys',
    'api_keys',
    'x-api-key',
    'X-Api-Key',
    'X-API-KEY',
    'clientSecret',
    'client_secret',
    'secret',
    'secrets',
    'secretKey',
    'secret_key',
    'signingKey',
    'authorization',
    'Authorization',
    'proxy-authorization',
    'cookie',
    'cookies',
    'set-cookie',
    'credential',
    'credentials',
    'privateKey',
    'private_key',
    'passwordHash',
    'password_hash',
    'aws_secret_access_key',
    'AWS_SECRET_ACCESS_KEY',
    'sessionId',
    'session_id',
    'sessionID',
    'databaseUrl',
    'DATABASE_URL',
    'connectionString',
    'dsn',
    'sentryDsn',
    'otp',
    'apikey',
    'apikeys',
    'APIKey',
    'XApiKey',
    'redisUrl',
    'REDIS_URL',
  ])('should treat %s as a secret', (key) => {
    expect(isSecretKey(key)).toBe(true);
  });

  it.each([
    'apiKeyId',
    'secretKeyId',
    'secretName',
    'tokenType',
    'tokenExpiresAt',
    'tokenCount',
    'passwordChangedAt',
    'cookieConsent',
    'sessionIdPrefix',
    'publicKey',
    'keyHash',
    'key',
    'hash',
    'id',
    'name',
    'prefix',
    'usage',
    'bypass',
    'compass',
    'passport',
    'spinner',
    '',
    '__',
  ])('should leave the identifier %j readable', (key) => {
    expect(isSecretKey(key)).toBe(false);
  });

  it('should judge by the last word, so bypass is not mistaken for a pass', () => {
    expect(isSecretKey('bypass')).toBe(false);
    expect(isSecretKey('boardingPass')).toBe(true);
  });

  it('should keep LLM usage figures readable: they are counts, not credentials', () => {
    expect(isSecretKey('promptTokens')).toBe(false);
    expect(isSecretKey('completion_tokens')).toBe(false);
    expect(isSecretKey('maxTokens')).toBe(false);
    expect(isSecretKey('pin')).toBe(false);
  });

  it('should redact the password inside any URL-looking string value', () => {
    expect(redactSecrets({ note: 'connect to postgresql://app:S3cret@db:5432/x please' })).toEqual({ note: 'connect to postgresql://app:[REDACTED]@db:5432/x please' });
    expect(redactSecrets('rediss://:pw@cache:6380')).toBe('rediss://:[REDACTED]@cache:6380');
    expect(redactSecrets('https://example.test/path?q=1')).toBe('https://example.test/path?q=1');
  });
});

describe(redactForStorage.name, () => {
  it('should keep data deeper than the log limit instead of truncating it', () => {
    let deep: Record<string, unknown> = { leaf: 'kept', password: 'p' };
    for (let i = 0; i < 20; i++) deep = { next: deep };
    let sut = redactForStorage(deep) as Record<string, unknown>;
    for (let i = 0; i < 20; i++) sut = sut.next as Record<string, unknown>;
    expect(sut).toEqual({ leaf: 'kept', password: '[REDACTED]' });
  });
});

describe(redactSecrets.name, () => {
  it('should redact every kind of secret at the top level', () => {
    const sut = redactSecrets({
      password: 'p',
      accessToken: 'at',
      refresh_token: 'rt',
      apiKey: 'ak',
      'x-api-key': 'xak',
      clientSecret: 'cs',
      authorization: 'Bearer nh_x',
      cookie: 'sid=1',
      cookies: ['sid=1'],
      passwordHash: 'h',
      jwt: 'eyJ',
      sessionId: 's',
      databaseUrl: 'postgresql://app:pw@db/neonhub',
      connectionString: 'postgresql://app:pw@db/neonhub',
      user: 'ada',
    });

    expect(sut).toEqual({
      password: REDACTED,
      accessToken: REDACTED,
      refresh_token: REDACTED,
      apiKey: REDACTED,
      'x-api-key': REDACTED,
      clientSecret: REDACTED,
      authorization: REDACTED,
      cookie: REDACTED,
      cookies: REDACTED,
      passwordHash: REDACTED,
      jwt: REDACTED,
      sessionId: REDACTED,
      databaseUrl: REDACTED,
      connectionString: REDACTED,
      user: 'ada',
    });
  });

  it('should redact secrets nested in objects and arrays', () => {
    const input = {
      req: { headers: { authorization: 'Bearer nh_x', 'x-api-key': 'nh_y', accept: 'application/json' } },
      connectors: [{ id: 'c1', auth: { clientSecret: 's1', refresh_token: 'r1' } }, { id: 'c2', auth: { apiKey: 'k2' } }],
    };

    const sut = redactSecrets(input);

    expect(sut).toEqual({
      req: { headers: { authorization: REDACTED, 'x-api-key': REDACTED, accept: 'application/json' } },
      connectors: [{ id: 'c1', auth: { clientSecret: REDACTED, refresh_token: REDACTED } }, { id: 'c2', auth: { apiKey: REDACTED } }],
    });
  });

  it('should replace a secret holding an object as a whole', () => {
    expect(redactSecrets({ credentials: { user: 'u', pass: 'p' } })).toEqual({ credentials: REDACTED });
  });

  it('should redact empty strings, numbers and booleans under a secret key', () => {
    expect(redactSecrets({ password: '', token: 0, secret: false })).toEqual({ password: REDACTED, token: REDACTED, secret: REDACTED });
  });

  it('should keep identifiers and metadata about secrets readable', () => {
    const input = { apiKeyId: 'k1', secretKeyId: 's1', tokenType: 'Bearer', keyHash: 'abc', bypass: true, lastUsedAt: null };

    expect(redactSecrets(input)).toEqual(input);
  });

  it('should leave null and undefined secrets as they are, so a log shows they were absent', () => {
    expect(redactSecrets({ password: null, token: undefined })).toEqual({ password: null, token: undefined });
  });

  it('should return primitives and null unchanged', () => {
    expect(redactSecrets(null)).toBeNull();
    expect(redactSecrets(undefined)).toBeUndefined();
    expect(redactSecrets('password')).toBe('password');
    expect(redactSecrets(42)).toBe(42);
  });

  it('should pass Dates and Buffers through untouched', () => {
    const date = new Date('2026-01-02T03:04:05Z');
    const buffer = Buffer.from('bytes');

    const sut = redactSecrets({ at: date, body: buffer, list: [date] });

    expect(sut.at).toBe(date);
    expect(sut.body).toBe(buffer);
    expect(sut.list[0]).toBe(date);
  });

  it('should turn an Error into a plain object with its type, message and stack', () => {
    const error = new TypeError('boom');

    const sut = redactSecrets({ err: error });

    expect(sut.err).not.toBeInstanceOf(Error);
    expect(sut.err).toEqual({ type: 'TypeError', message: 'boom', stack: error.stack });
  });

  it("should redact the secrets in an Error's enumerable properties and keep the rest", () => {
    const error = upstreamError();

    const sut = redactSecrets({ err: error }).err as unknown as Record<string, unknown>;

    expect(sut).toEqual({
      type: 'Error',
      message: 'Request failed with status code 401',
      stack: error.stack,
      config: { url: 'https://api.example.com/v1/chat', headers: { Authorization: REDACTED, Accept: 'application/json' } },
      response: { status: 401, data: { error: 'invalid_api_key' } },
    });
    expect(JSON.stringify(sut)).not.toContain('sk-live-123');
  });

  it('should convert an Error given at the top level or inside an array', () => {
    const error = upstreamError();

    expect(JSON.stringify(redactSecrets(error))).not.toContain('sk-live-123');
    expect(JSON.stringify(redactSecrets([error]))).not.toContain('sk-live-123');
    expect(redactSecrets([error])[0]).toMatchObject({ type: 'Error', message: 'Request failed with status code 401' });
  });

  it('should not modify its input', () => {
    const input = { auth: { token: 't' } };
    const error = upstreamError();

    redactSecrets(input);
    redactSecrets({ err: error });

    expect(input).toEqual({ auth: { token: 't' } });
    expect(error).toBeInstanceOf(Error);
    expect(error.config).toEqual({ url: 'https://api.example.com/v1/chat', headers: { Authorization: 'Bearer sk-live-123', Accept: 'application/json' } });
  });

  it('should redact down to the depth limit', () => {
    const sut = redactSecrets(nested(8, 'password', 'hunter2'));

    expect(leaf(sut, 8)).toEqual({ password: REDACTED });
  });

  it('should truncate anything past the depth limit rather than pass it through unredacted', () => {
    const sut = redactSecrets(nested(9, 'password', 'hunter2'));

    expect(depthOf(sut)).toBe(9);
    expect(leaf(sut, 9)).toBe(TRUNCATED);
    expect(JSON.stringify(sut)).not.toContain('hunter2');
  });

  it('should count arrays as levels too', () => {
    let input: unknown = { token: 'hunter2' };
    for (let i = 0; i < 9; i++) input = [input];

    expect(JSON.stringify(redactSecrets(input))).toBe(`${'['.repeat(9)}"${TRUNCATED}"${']'.repeat(9)}`);
  });

  it('should return a bounded result for input nested far beyond the limit', () => {
    const sut = redactSecrets(nested(100_000, 'id', 'x'));

    // depthOf first: on a regression it fails with a number instead of a 100,000-level diff.
    expect(depthOf(sut)).toBe(9);
    expect(leaf(sut, 9)).toBe(TRUNCATED);
  });

  it('should terminate on a cyclic object, redacting every level it walks', () => {
    const cyclic: Record<string, unknown> = { token: 't' };
    cyclic.self = cyclic;

    const sut = redactSecrets(cyclic);

    expect(depthOf(sut, 'self')).toBe(9);
    expect(leaf(sut, 8, 'self')).toEqual({ token: REDACTED, self: TRUNCATED });
    expect(JSON.stringify(sut)).not.toContain('"t"');
  });
});

describe('PINO_REDACT_PATHS', () => {
  it('should cover the request headers that carry credentials and the cookies a response sets', () => {
    expect(PINO_REDACT_PATHS).toEqual(
      expect.arrayContaining(['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-api-key"]', 'res.headers["set-cookie"]']),
    );
  });
});
