/**
 * Secrets must never reach a log line, at any depth. pino's `redact` needs every path spelled out
 * in advance, so it covers the known request paths and this key-based scrub covers everything
 * else (payloads, errors, provider responses) whatever their shape. Also used to redact run
 * input before it is stored.
 */
export const REDACTED = '[REDACTED]';
export const TRUNCATED = '[Truncated]';
const MAX_DEPTH = 8;

/** A key is secret when its last word names a secret; ids and metadata about secrets stay readable. */
const SECRET_LAST_WORDS = new Set([
  'password', 'passwd', 'pwd', 'passphrase', 'pass', 'secret', 'secrets', 'token', 'tokens', 'jwt',
  'authorization', 'cookie', 'cookies', 'credential', 'credentials', 'dsn', 'otp', 'pin',
]);
const SECRET_LAST_PAIRS = new Set(['api key', 'api keys', 'apikey', 'apikeys', 'private key', 'signing key', 'secret key', 'connection string', 'database url', 'session id']);
/** "passwordHash", "aws_secret_access_key": a secret word followed by a key or hash is still secret. */
const SECRET_WORDS = new Set(['password', 'secret', 'passphrase']);

function words(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

export function isSecretKey(key: string): boolean {
  const w = words(key);
  const last = w[w.length - 1];
  if (last === undefined) return false;
  if (SECRET_LAST_WORDS.has(last)) return true;
  if (w.length >= 2 && SECRET_LAST_PAIRS.has(`${w[w.length - 2]} ${last}`)) return true;
  return (last === 'key' || last === 'hash') && w.some((word) => SECRET_WORDS.has(word));
}

export function redactSecrets<T>(value: T, depth = 0): T {
  if (value === null || typeof value !== 'object') return value;
  if (depth > MAX_DEPTH) return TRUNCATED as T;
  if (Array.isArray(value)) return value.map((item) => redactSecrets(item, depth + 1)) as T;
  if (value instanceof Date || Buffer.isBuffer(value)) return value;
  // Errors from HTTP clients carry request config (headers, bodies) as enumerable properties.
  if (value instanceof Error) return { type: value.name, message: value.message, stack: value.stack, ...redactEntries(value, depth) } as T;
  return redactEntries(value as Record<string, unknown>, depth) as T;
}

function redactEntries(value: object, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    out[key] = isSecretKey(key) && inner !== null && inner !== undefined ? REDACTED : redactSecrets(inner, depth + 1);
  }
  return out;
}

/** Paths pino redacts natively (fast path) in request logs. */
export const PINO_REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
];
