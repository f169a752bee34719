import { createHash, randomBytes } from 'node:crypto';

const TOKEN_PREFIX = 'nh_';
const TOKEN_SHAPE = /^nh_[A-Za-z0-9_-]{32,128}$/;

export interface IssuedApiKey {
  plaintext: string;
  /** Shown in listings so a user can tell keys apart; not enough to authenticate. */
  prefix: string;
  hash: string;
}

/**
 * 32 random bytes: with that much entropy a plain SHA-256 is the right storage (a slow password
 * hash would only add latency to every request without adding security).
 */
export function issueApiKey(): IssuedApiKey {
  return describeApiKey(`${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`);
}

export function describeApiKey(plaintext: string): IssuedApiKey {
  return { plaintext, prefix: plaintext.slice(0, 11), hash: hashApiKey(plaintext) };
}

export function hashApiKey(plaintext: string): string {
  return createHash('sha256').update(plaintext).digest('hex');
}

export function looksLikeApiKey(value: string): boolean {
  return TOKEN_SHAPE.test(value);
}
