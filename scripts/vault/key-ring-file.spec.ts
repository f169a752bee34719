import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/app-config';
import { parseKeyRing } from '../../src/modules/connectors/vault/key-ring';
import { ensureKeyRingFile } from './key-ring-file';

describe(ensureKeyRingFile.name, () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'neonhub-ring-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('should create a key ring, private to its owner, that production boots with', () => {
    const file = join(dir, 'keys', 'encryption-keys');

    expect(ensureKeyRingFile(file)).toEqual({ created: true });

    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(parseKeyRing(readFileSync(file, 'utf8').trim()).keys.get('k1')).toHaveLength(32);
    expect(loadConfig({ NODE_ENV: 'production', NEONHUB_ENCRYPTION_KEYS_FILE: file }).encryptionKeys).toMatch(/^k1:/);
  });

  it('should never replace a key ring that exists', () => {
    const file = join(dir, 'encryption-keys');
    writeFileSync(file, 'k0:existing\n');

    expect(ensureKeyRingFile(file)).toEqual({ created: false });
    expect(readFileSync(file, 'utf8')).toBe('k0:existing\n');
  });
});
