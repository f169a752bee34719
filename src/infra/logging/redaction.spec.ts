import { isSecretKey, PINO_REDACT_PATHS, REDACTED, redactSecrets } from './redaction';

/** `{ a: { a: ... { [key]: value } } }` with `levels` objects above the one holding `key`. */
function nested(levels: number, key: string, value: unknown): Record<string, unknown> {
  let out: Record<string, unknown> = { [key]: value };
  for (let i = 0; i < levels; i++) out = { a: out };
  return out;
}

function leaf(value: unknown, levels: number): unknown {
  let current = value;
  for (let i = 0; i < levels; i++) current = (current as Record<string, unknown>).a;
  return current;
}

describe(isSecretKey.name, () => {
  it.each([
    'password',
    'Password',
    'passphrase',
    'pass',
    'accessToken',
    'refresh_token',
    'token',
    'apiKey',
    'api_key',
    'apikey',
    'x-api-key',
    'X-Api-Key',
    'clientSecret',
    'client_secret',
    'authorization',
    'Authorization',
    'proxy-authorization',
    'cookie',
    'set-cookie',
    'credential',
    'credentials',
    'privateKey',
    'private_key',
  ])('should treat %s as a secret', (key) => {
    expect(isSecretKey(key)).toBe(true);
  });

  it.each(['apiKeyId', 'secretKeyId', 'tokenType', 'tokenExpiresAt', 'passwordChangedAt', 'cookieConsent', 'id', 'name', 'prefix', 'keyHash', 'promptTokens', 'usage'])(
    'should leave the identifier %s readable',
    (key) => {
      expect(isSecretKey(key)).toBe(false);
    },
  );
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

  it('should keep identifiers that merely start with a secret word', () => {
    const input = { apiKeyId: 'k1', secretKeyId: 's1', tokenType: 'Bearer', lastUsedAt: null };

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

  it('should pass Errors, Dates and Buffers through untouched', () => {
    const error = new Error('boom');
    const date = new Date('2026-01-02T03:04:05Z');
    const buffer = Buffer.from('bytes');

    const sut = redactSecrets({ err: error, at: date, body: buffer, list: [date] });

    expect(sut.err).toBe(error);
    expect(sut.at).toBe(date);
    expect(sut.body).toBe(buffer);
    expect(sut.list[0]).toBe(date);
  });

  it('should not modify its input', () => {
    const input = { auth: { token: 't' } };

    redactSecrets(input);

    expect(input).toEqual({ auth: { token: 't' } });
  });

  it('should redact down to the depth limit', () => {
    const sut = redactSecrets(nested(8, 'password', 'p'));

    expect(leaf(sut, 8)).toEqual({ password: REDACTED });
  });

  it('should stop walking past the depth limit instead of recursing without end', () => {
    const input = nested(100_000, 'id', 'x');

    const sut = redactSecrets(input);

    expect(leaf(sut, 9)).toBe(leaf(input, 9));
  });

  it('should terminate on a cyclic object', () => {
    const cyclic: Record<string, unknown> = { token: 't' };
    cyclic.self = cyclic;

    const sut = redactSecrets(cyclic);

    expect(sut.token).toBe(REDACTED);
    expect((sut.self as Record<string, unknown>).token).toBe(REDACTED);
  });
});

describe('PINO_REDACT_PATHS', () => {
  it('should cover the request headers that carry credentials and the cookies a response sets', () => {
    expect(PINO_REDACT_PATHS).toEqual(
      expect.arrayContaining(['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-api-key"]', 'res.headers["set-cookie"]']),
    );
  });
});
