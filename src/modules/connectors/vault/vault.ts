import { Inject, Injectable, Logger } from '@nestjs/common';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { APP_CONFIG } from '../../../config/config.module';
import { ConfigurationError, type AppConfig } from '../../../config/app-config';
import { KeyRing, parseKeyRing } from './key-ring';
import { open, seal, SecretOwner } from './secret-box';

/**
 * The key ring in use. Production must configure NEONHUB_ENCRYPTION_KEYS; elsewhere a development
 * key is generated once under NEONHUB_DATA_DIR so a laptop works without setup (and says so).
 */
@Injectable()
export class Vault {
  readonly ring: KeyRing;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    if (config.encryptionKeys) {
      this.ring = parseKeyRing(config.encryptionKeys);
      return;
    }
    if (config.nodeEnv === 'production') throw new ConfigurationError('Invalid configuration: NEONHUB_ENCRYPTION_KEYS must be set in production');
    const file = join(resolve(config.dataDir), 'dev-encryption-key');
    if (!existsSync(file)) {
      mkdirSync(resolve(config.dataDir), { recursive: true });
      writeFileSync(file, `dev:${randomBytes(32).toString('base64')}\n`, { mode: 0o600 });
      new Logger('Vault').warn(`generated a development encryption key in ${file}; set NEONHUB_ENCRYPTION_KEYS in production`);
    }
    this.ring = parseKeyRing(readFileSync(file, 'utf8').trim());
  }

  seal(owner: SecretOwner, secrets: Record<string, string>): { ciphertext: string; keyId: string } {
    return seal(this.ring, owner, JSON.stringify(secrets));
  }

  open(owner: SecretOwner, ciphertext: string): Record<string, string> {
    return JSON.parse(open(this.ring, owner, ciphertext)) as Record<string, string>;
  }
}
