/**
 * Secrets must never reach a log line, at any depth. pino's `redact` needs every path spelled out
 * in advance, so it covers the known request paths and this key-based scrub covers everything
 * else (payloads, errors, provider responses) whatever their shape.
 */
// Anchored at the end so identifiers such as apiKeyId or secretKeyId stay readable.
const SECRET_KEY = /(pass(word|phrase)?|secret|token|api[-_]?key|authorization|cookie|credentials?|private[-_]?key)$/i;
export const REDACTED = '[REDACTED]';
const MAX_DEPTH = 8;

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

export function redactSecrets<T>(value: T, depth = 0): T {
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return value;
  if (Array.isArray(value)) return value.map((item) => redactSecrets(item, depth + 1)) as T;
  if (value instanceof Error || value instanceof Date || Buffer.isBuffer(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
    out[key] = isSecretKey(key) && inner !== null && inner !== undefined ? REDACTED : redactSecrets(inner, depth + 1);
  }
  return out as T;
}

/** Paths pino redacts natively (fast path) in request logs. */
export const PINO_REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
];
