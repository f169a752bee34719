/**
 * Secrets must never reach a log line, at any depth. pino's `redact` needs every path spelled out
 * in advance, so it covers the known request paths and this key-based scrub covers everything
 * else (payloads, errors, provider responses) whatever their shape. Also used to redact run
 * input before it is stored.
 */
export const REDACTED = '[REDACTED]';
export const TRUNCATED = '[Truncated]';
const LOG_MAX_DEPTH = 8;

/** A key is secret when its last word names a secret; ids and metadata about secrets stay readable. */
const SECRET_LAST_WORDS = new Set([
  'password', 'passwd', 'pwd', 'passphrase', 'pass', 'secret', 'secrets', 'token', 'jwt', 'apikey', 'apikeys',
  'authorization', 'cookie', 'cookies', 'credential', 'credentials', 'dsn', 'otp',
]);
// "tokens" is deliberately absent: promptTokens and maxTokens are usage figures, not credentials.
const SECRET_LAST_PAIRS = new Set(['api key', 'api keys', 'private key', 'signing key', 'secret key', 'connection string', 'database url', 'redis url', 'session id']);
/** user:password@ inside any URL-looking string value, wherever it sits. */
const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/)([^\s:/@]*):([^\s@/]+)@/gi;
/** "passwordHash", "aws_secret_access_key": a secret word followed by a key or hash is still secret. */
const SECRET_WORDS = new Set(['password', 'secret', 'passphrase']);

function words(key: string): string[] {
  return key
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

/**
 * Keys repeat endlessly (every tool call has a `message`, every log line a `requestId`), and the
 * verdict depends on the key alone: remembered, up to a bound so hostile payloads with endless
 * distinct keys cannot grow it.
 */
const verdicts = new Map<string, boolean>();
const MAX_REMEMBERED_KEYS = 10_000;

export function isSecretKey(key: string): boolean {
  let verdict = verdicts.get(key);
  if (verdict === undefined) {
    verdict = judgeKey(key);
    if (verdicts.size < MAX_REMEMBERED_KEYS) verdicts.set(key, verdict);
  }
  return verdict;
}

function judgeKey(key: string): boolean {
  const w = words(key);
  const last = w[w.length - 1];
  if (last === undefined) return false;
  if (SECRET_LAST_WORDS.has(last)) return true;
  if (w.length >= 2 && SECRET_LAST_PAIRS.has(`${w[w.length - 2]} ${last}`)) return true;
  return (last === 'key' || last === 'hash') && w.some((word) => SECRET_WORDS.has(word));
}

/**
 * For log lines: bounded depth (anything deeper becomes '[Truncated]', never passed through).
 * Stored records use `redactForStorage`, which keeps deep data instead of truncating it.
 */
export function redactSecrets<T>(value: T, depth = 0, maxDepth = LOG_MAX_DEPTH): T {
  if (typeof value === 'string') return value.replace(URL_CREDENTIALS, `$1$2:${REDACTED}@`) as T;
  if (value === null || typeof value !== 'object') return value;
  if (depth > maxDepth) return TRUNCATED as T;
  if (Array.isArray(value)) return value.map((item) => redactSecrets(item, depth + 1, maxDepth)) as T;
  if (value instanceof Date || Buffer.isBuffer(value)) return value;
  // Errors from HTTP clients carry request config (headers, bodies) as enumerable properties.
  if (value instanceof Error) return { type: value.name, message: value.message, stack: value.stack, ...redactEntries(value, depth, maxDepth) } as T;
  return redactEntries(value as Record<string, unknown>, depth, maxDepth) as T;
}

/**
 * pino's log formatter: runs before the serializers, so the request and response objects pino-http
 * logs are left whole for theirs (which keep the id, method, url and status, with pino's redact
 * paths). Copied through redactSecrets they would lose their prototype getters (`headersSent`,
 * which the response serializer reads: every status became null) and have their sockets walked.
 */
export function redactLogFields(object: Record<string, unknown>): Record<string, unknown> {
  const { req, res, ...rest } = object;
  const scrubbed = redactSecrets(rest);
  if (req !== undefined) scrubbed.req = req;
  if (res !== undefined) scrubbed.res = res;
  return scrubbed;
}

/** Run input and output, tool call records: secrets out, everything else kept (JSON is never this deep in practice). */
export function redactForStorage<T>(value: T): T {
  return redactSecrets(value, 0, 64);
}

function redactEntries(value: object, depth: number, maxDepth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    out[key] = isSecretKey(key) && inner !== null && inner !== undefined ? REDACTED : redactSecrets(inner, depth + 1, maxDepth);
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
