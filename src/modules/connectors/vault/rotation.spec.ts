import { randomBytes } from 'node:crypto';
import type { AppConfig } from '../../../config/app-config';
import { rotateSecrets, RotationStore, SealedRow } from './rotation';
import { Vault } from './vault';

const key = () => randomBytes(32).toString('base64');
const vaultOf = (keys: string) => new Vault({ encryptionKeys: keys, nodeEnv: 'test', dataDir: '/nonexistent' } as AppConfig);

/** Rows in a Map with the store's semantics (stale filter, id order, compare-and-set). */
class MapStore implements RotationStore {
  readonly rows = new Map<string, SealedRow & { keyId: string }>();
  async staleBatch(currentKeyId: string, afterId: string | undefined, limit: number): Promise<SealedRow[]> {
    return [...this.rows.values()].filter((r) => r.keyId !== currentKeyId && (!afterId || r.id > afterId)).sort((a, b) => a.id.localeCompare(b.id)).slice(0, limit);
  }
  async replace(id: string, previous: string, next: { ciphertext: string; keyId: string }): Promise<boolean> {
    const row = this.rows.get(id)!;
    if (row.ciphertext !== previous) return false;
    this.rows.set(id, { ...row, ...next });
    return true;
  }
}

describe(rotateSecrets.name, () => {
  const k1 = key();
  const old = vaultOf(`k1:${k1}`);
  const sut = vaultOf(`k2:${key()},k1:${k1}`);

  function seed(store: MapStore, count: number, vault = old): void {
    for (let i = 0; i < count; i++) {
      const owner = { organizationId: `org-${i}`, connectorKey: 'acme', connectionName: 'default' };
      const { ciphertext, keyId } = vault.seal(owner, { apiKey: `secret-${i}` });
      store.rows.set(`id-${String(i).padStart(3, '0')}`, { id: `id-${String(i).padStart(3, '0')}`, owner, ciphertext, keyId });
    }
  }

  it('should re-encrypt every old-key row in batches, and do nothing the second time', async () => {
    const store = new MapStore();
    seed(store, 7);
    const batches: number[] = [];

    const report = await rotateSecrets(store, sut, { batchSize: 3, onBatch: (r) => batches.push(r.rotated) });

    expect(report).toEqual({ rotated: 7, skipped: 0, failed: 0, failedIds: [] });
    expect(batches).toEqual([3, 6, 7]);
    for (const [i, row] of [...store.rows.values()].entries()) {
      expect(row.keyId).toBe('k2');
      expect(sut.open(row.owner, row.ciphertext)).toEqual({ apiKey: `secret-${i}` });
    }
    await expect(rotateSecrets(store, sut)).resolves.toEqual({ rotated: 0, skipped: 0, failed: 0, failedIds: [] });
  });

  it('should report rows it cannot decrypt and leave them untouched', async () => {
    const store = new MapStore();
    seed(store, 2);
    seed(store, 1, vaultOf(`k0:${key()}`));
    const untouched = store.rows.get('id-000')!;

    const report = await rotateSecrets(store, sut);

    expect(report).toEqual({ rotated: 1, skipped: 0, failed: 1, failedIds: ['id-000'] });
    expect(store.rows.get('id-000')).toEqual(untouched);
  });

  it('should skip a row rewritten while it was being re-encrypted', async () => {
    const store = new MapStore();
    seed(store, 1);
    const replace = store.replace.bind(store);
    store.replace = async (id, _previous, next) => replace(id, 'changed meanwhile', next);

    await expect(rotateSecrets(store, sut)).resolves.toMatchObject({ rotated: 0, skipped: 1 });
  });
});
