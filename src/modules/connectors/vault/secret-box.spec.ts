import { randomBytes } from 'node:crypto';
import { parseKeyRing } from './key-ring';
import { keyIdOf, open, seal, SecretDecryptionError } from './secret-box';

const key = () => randomBytes(32).toString('base64');
const owner = { organizationId: 'org-a', connectorKey: 'slack', connectionName: 'default' };

describe(seal.name, () => {
  const ring = parseKeyRing(`k2:${key()},k1:${key()}`);

  it('should round-trip under the current key, with a fresh IV each time', () => {
    const a = seal(ring, owner, 'xoxb-secret');
    const b = seal(ring, owner, 'xoxb-secret');
    expect(a.keyId).toBe('k2');
    expect(a.ciphertext).not.toBe(b.ciphertext);
    expect(a.ciphertext).not.toContain('xoxb');
    expect(open(ring, owner, a.ciphertext)).toBe('xoxb-secret');
  });

  it("should refuse a ciphertext copied to another tenant's connection", () => {
    const { ciphertext } = seal(ring, owner, 'xoxb-secret');
    expect(() => open(ring, { ...owner, organizationId: 'org-b' }, ciphertext)).toThrow(SecretDecryptionError);
    expect(() => open(ring, { ...owner, connectionName: 'other' }, ciphertext)).toThrow(SecretDecryptionError);
  });

  it('should refuse an altered ciphertext and an unknown key id', () => {
    const { ciphertext } = seal(ring, owner, 'xoxb-secret');
    const parts = ciphertext.split('.');
    parts[4] = Buffer.from('tampered').toString('base64url');
    expect(() => open(ring, owner, parts.join('.'))).toThrow(SecretDecryptionError);
    expect(() => open(parseKeyRing(`k9:${key()}`), owner, ciphertext)).toThrow(SecretDecryptionError);
  });

  it('should decrypt with an older key that is still in the ring', () => {
    const old = parseKeyRing(`k1:${ring.keys.get('k1')!.toString('base64')}`);
    const { ciphertext } = seal(old, owner, 'legacy');
    expect(keyIdOf(ciphertext)).toBe('k1');
    expect(open(ring, owner, ciphertext)).toBe('legacy');
  });

  it.each(['', 'k1', `k1:${Buffer.alloc(16).toString('base64')}`, `bad id:${key()}`, `k1:${key()},k1:${key()}`])('should reject the key ring %j', (spec) => {
    expect(() => parseKeyRing(spec)).toThrow(/NEONHUB_ENCRYPTION_KEYS/);
  });
});
