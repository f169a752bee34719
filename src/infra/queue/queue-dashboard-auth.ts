import { createHash, timingSafeEqual } from 'node:crypto';

/** HTTP Basic's user name; the password is the key. */
export const QUEUE_DASHBOARD_USER = 'admin';

/** Sent with every 401, so a browser opens its login box (RFC 7617). */
export const QUEUE_DASHBOARD_CHALLENGE = 'Basic realm="queues"';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/**
 * Checks an Authorization header against the dashboard's admin key: `Bearer <key>` for scripts,
 * or Basic `admin:<key>` for a browser. Both sides are compared as SHA-256 digests in constant
 * time: equal lengths whatever was sent, so neither the key's length nor a matching prefix shows
 * in the answer's timing.
 */
export class QueueDashboardKey {
  private readonly digest: Buffer;

  constructor(key: string) {
    this.digest = sha256(key);
  }

  accepts(authorization: string | undefined): boolean {
    const presented = presentedKey(authorization);
    // A digest is compared even when nothing usable was sent, so a refusal takes as long either way.
    const matches = timingSafeEqual(sha256(presented ?? ''), this.digest);
    return presented !== undefined && matches;
  }
}

/** The key an Authorization header carries, or undefined; schemes are case-insensitive (RFC 9110). */
function presentedKey(authorization: string | undefined): string | undefined {
  const match = /^(\S+) +(\S+) *$/.exec(authorization ?? '');
  if (!match) return undefined;
  const [, scheme, credentials] = match;
  if (scheme.toLowerCase() === 'bearer') return credentials;
  if (scheme.toLowerCase() !== 'basic') return undefined;
  const decoded = Buffer.from(credentials, 'base64').toString('utf8');
  // The password may hold colons; the user name cannot (RFC 7617).
  const colon = decoded.indexOf(':');
  if (colon < 0 || decoded.slice(0, colon) !== QUEUE_DASHBOARD_USER) return undefined;
  return decoded.slice(colon + 1);
}
