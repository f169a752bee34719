import { Inject, Injectable, Logger } from '@nestjs/common';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { hkdfSync, randomBytes } from 'node:crypto';
import { APP_CONFIG } from '../../../config/config.module';
import { ConfigurationError, type AppConfig } from '../../../config/app-config';
import { KeyRing, parseKeyRing } from './key-ring';
import { keyIdOf, open, seal, SecretOwner } from './secret-box';

/**
 * The configured key ring, or (outside production) the development key under NEONHUB_DATA_DIR,
 * generated on first use. The seed seals with it too, before the app exists.
 */
export function loadKeyRing(config: Pick<AppConfig, 'encryptionKeys' | 'nodeEnv' | 'dataDir'>): KeyRing {
  if (config.encryptionKeys) return parseKeyRing(config.encryptionKeys);
  if (config.nodeEnv === 'production') throw new ConfigurationError('Invalid configuration: NEONHUB_ENCRYPTION_KEYS must be set in production');
  const file = join(resolve(config.dataDir), 'dev-encryption-key');
  if (!existsSync(file)) {
    mkdirSync(resolve(config.dataDir), { recursive: true });
    writeFileSync(file, `dev:${randomBytes(32).toString('base64')}\n`, { mode: 0o600 });
    new Logger('Vault').warn(`generated a development encryption key in ${file}; set NEONHUB_ENCRYPTION_KEYS in production`);
  }
  return parseKeyRing(readFileSync(file, 'utf8').trim());
}

/**
 * The key ring in use. Production must configure NEONHUB_ENCRYPTION_KEYS; elsewhere a development
 * key is generated once under NEONHUB_DATA_DIR so a laptop works without setup (and says so).
 */
@Injectable()
export class Vault {
  readonly ring: KeyRing;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.ring = loadKeyRing(config);
  }

  seal(owner: SecretOwner, secrets: Record<string, string>): { ciphertext: string; keyId: string } {
    return seal(this.ring, owner, JSON.stringify(secrets));
  }

  open(owner: SecretOwner, ciphertext: string): Record<string, string> {
    return JSON.parse(open(this.ring, owner, ciphertext)) as Record<string, string>;
  }

  get currentKeyId(): string {
    return this.ring.currentId;
  }

  /** For rotation: the same secret, for the same owner, under the current key. */
  reseal(owner: SecretOwner, ciphertext: string): { ciphertext: string; keyId: string } {
    if (keyIdOf(ciphertext) === this.ring.currentId) return { ciphertext, keyId: this.ring.currentId };
    return seal(this.ring, owner, open(this.ring, owner, ciphertext));
  }

  /**
   * A 32-byte key for another purpose (OAuth state), derived with HKDF-SHA256 from a ring key:
   * never the data key itself, so a flaw in one use cannot expose the other, and rotating the
   * ring rotates the derived keys too. Undefined for a key id the ring does not hold.
   */
  derivedKey(purpose: string, keyId = this.ring.currentId): Buffer | undefined {
    const key = this.ring.keys.get(keyId);
    return key ? Buffer.from(hkdfSync('sha256', key, 'neonhub/vault', `neonhub/${purpose}`, 32)) : undefined;
  }
}
