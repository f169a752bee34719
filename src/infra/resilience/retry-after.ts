/**
 * The one conversion from a wait in milliseconds to a Retry-After value: whole seconds, rounded
 * up so a client never comes back early, and at least 1 because 0 would invite an immediate retry.
 */
export function retryAfterSeconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}

/** A provider's Retry-After is seconds or an HTTP date (RFC 9110 §10.2.3); either becomes milliseconds from now. */
export function parseRetryAfter(header: string | null | undefined, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
