import { Injectable } from '@nestjs/common';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { Vault } from '../vault/vault';
import { InvalidOAuthStateError } from './oauth-errors';

/** What a callback may do: finish connecting this connection of this organization, for this user, before `expiresAt`. */
export interface OAuthStateClaims {
  organizationId: string;
  userId: string;
  connectorKey: string;
  connectionName: string;
  /** Epoch milliseconds. */
  expiresAt: number;
  /** Makes every state unique, so it can be used once. */
  nonce: string;
  /** PKCE code_verifier (RFC 7636): only the holder of our key can read it back. */
  codeVerifier: string;
}

export const OAUTH_STATE_TTL_MS = 10 * 60_000;
const PURPOSE = 'oauth-state/v1';
const AAD = Buffer.from(`neonhub/${PURPOSE}`);

/**
 * The OAuth `state` parameter as a self-contained, encrypted token: AES-256-GCM under a key
 * derived from the vault's key ring (HKDF), tagged with the ring key id so states issued just
 * before a rotation still open. Encrypted rather than only signed because it carries the PKCE
 * verifier, which the browser and the provider must not see. No table: nothing to clean up.
 * Format: `<keyId>.<iv>.<ciphertext>.<tag>`, base64url parts.
 */
@Injectable()
export class OAuthStateCodec {
  constructor(private readonly vault: Vault) {}

  issue(claims: OAuthStateClaims): string {
    const keyId = this.vault.ring.currentId;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.vault.derivedKey(PURPOSE, keyId)!, iv).setAAD(AAD);
    const body = Buffer.concat([cipher.update(JSON.stringify(claims), 'utf8'), cipher.final()]);
    return [keyId, iv.toString('base64url'), body.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
  }

  /** Checks integrity, expiry and the connector the callback arrived for; the caller checks single use. */
  open(state: string | undefined, connectorKey: string, now = Date.now()): OAuthStateClaims {
    const claims = this.decrypt(state);
    if (claims.connectorKey !== connectorKey) {
      throw new InvalidOAuthStateError(`invalid OAuth state: it was issued for connector ${claims.connectorKey}, not ${connectorKey}`);
    }
    if (now > claims.expiresAt) {
      throw new InvalidOAuthStateError(`OAuth state expired (states last ${OAUTH_STATE_TTL_MS / 60_000} minutes); start again: GET /v1/connectors/${connectorKey}/oauth/start`);
    }
    return claims;
  }

  private decrypt(state: string | undefined): OAuthStateClaims {
    const [keyId, iv, body, tag, extra] = (state ?? '').split('.');
    const key = keyId ? this.vault.derivedKey(PURPOSE, keyId) : undefined;
    if (!state) throw new InvalidOAuthStateError('invalid OAuth state: the callback has no state parameter');
    if (!key || !iv || !body || !tag || extra !== undefined) throw tampered();
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'), { authTagLength: 16 }).setAAD(AAD);
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      const json = Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
      return JSON.parse(json) as OAuthStateClaims;
    } catch {
      throw tampered();
    }
  }
}

function tampered(): InvalidOAuthStateError {
  return new InvalidOAuthStateError('invalid OAuth state: it was altered or not issued by this deployment; start again from GET /v1/connectors/:key/oauth/start');
}
