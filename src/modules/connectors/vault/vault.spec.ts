import { randomBytes } from 'node:crypto';
import type { AppConfig } from '../../../config/app-config';
import { Vault } from './vault';

const key = () => randomBytes(32).toString('base64');
const vaultOf = (keys: string) => new Vault({ encryptionKeys: keys, nodeEnv: 'production', dataDir: '/nonexistent' } as AppConfig);
const owner = { organizationId: 'org-a', connectorKey: 'acme', connectionName: 'default' };

describe(Vault.name, () => {
  it('should refuse to start in production without NEONHUB_ENCRYPTION_KEYS', () => {
    expect(() => new Vault({ nodeEnv: 'production', dataDir: '/nonexistent' } as AppConfig)).toThrow(/NEONHUB_ENCRYPTION_KEYS must be set in production/);
  });

  it('should derive a distinct key per purpose and ring key, never the data key itself', () => {
    const k1 = key();
    const sut = vaultOf(`k2:${key()},k1:${k1}`);
    const state = sut.derivedKey('oauth-state/v1')!;
    expect(state).toHaveLength(32);
    expect(state.equals(sut.derivedKey('other')!)).toBe(false);
    expect(state.equals(sut.derivedKey('oauth-state/v1', 'k1')!)).toBe(false);
    expect(sut.derivedKey('oauth-state/v1', 'k1')!.equals(Buffer.from(k1, 'base64'))).toBe(false);
    expect(sut.derivedKey('oauth-state/v1', 'k9')).toBeUndefined();
  });

  it('should reseal an old-key secret under the current key for the same owner', () => {
    const k1 = key();
    const old = vaultOf(`k1:${k1}`);
    const sut = vaultOf(`k2:${key()},k1:${k1}`);
    const { ciphertext } = old.seal(owner, { apiKey: 'secret' });

    const resealed = sut.reseal(owner, ciphertext);

    expect(resealed.keyId).toBe('k2');
    expect(sut.open(owner, resealed.ciphertext)).toEqual({ apiKey: 'secret' });
    expect(sut.reseal(owner, resealed.ciphertext)).toEqual(resealed);
  });
});
