import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { KeyRing } from './key-ring';

/**
 * AES-256-GCM with Node's crypto (no third-party code between us and OpenSSL). Format:
 * `v1.<keyId>.<iv>.<tag>.<ciphertext>` (base64url). The additional authenticated data binds a
 * ciphertext to its owner (organization, connector, connection): copied into another tenant's
 * row it fails authentication instead of decrypting.
 */
export interface SecretOwner {
  organizationId: string;
  connectorKey: string;
  connectionName: string;
}

export class SecretDecryptionError extends Error {
  override readonly name = 'SecretDecryptionError';
}

const aad = (owner: SecretOwner) => Buffer.from(`neonhub/v1/${owner.organizationId}/${owner.connectorKey}/${owner.connectionName}`);

export function seal(ring: KeyRing, owner: SecretOwner, plaintext: string): { ciphertext: string; keyId: string } {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', ring.keys.get(ring.currentId)!, iv);
  cipher.setAAD(aad(owner));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const parts = ['v1', ring.currentId, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')];
  return { ciphertext: parts.join('.'), keyId: ring.currentId };
}

export function open(ring: KeyRing, owner: SecretOwner, ciphertext: string): string {
  const [version, keyId, iv, tag, body] = ciphertext.split('.');
  const key = keyId ? ring.keys.get(keyId) : undefined;
  if (version !== 'v1' || !key || !iv || !tag || body === undefined) throw new SecretDecryptionError(`cannot decrypt: unknown format or key id ${keyId ?? '?'}`);
  try {
    // A full 16-byte tag only: GCM would otherwise accept a truncated one, and forging gets cheaper.
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'), { authTagLength: 16 });
    decipher.setAAD(aad(owner));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    throw new SecretDecryptionError('cannot decrypt: the ciphertext does not belong to this connection or was altered');
  }
}

export function keyIdOf(ciphertext: string): string | undefined {
  return ciphertext.split('.')[1];
}
