import { PrismaPg } from '@prisma/adapter-pg';
import { loadConfig } from '../../src/config/app-config';
import { PrismaClient } from '../../src/generated/prisma/client';
import { rotateSecrets } from '../../src/modules/connectors/vault/rotation';
import { PrismaRotationStore } from '../../src/modules/connectors/vault/rotation.repository';
import { Vault } from '../../src/modules/connectors/vault/vault';
import { runDbCommand } from '../db/cli';

/**
 * `npm run vault:rotate [-- --batch-size=N]`: re-encrypts every connector credential that is not
 * sealed under the current key (the first of NEONHUB_ENCRYPTION_KEYS). The rotation procedure:
 * put the new key first and keep the old one after it, deploy, run this, then drop the old key.
 * Exit 1 when a row could not be decrypted (its key is missing from the ring): dropping the old
 * key would then lose it.
 */
runDbCommand(async (databaseUrl) => {
  const batchSize = Number(/^--batch-size=(\d+)$/.exec(process.argv.slice(2).find((a) => a.startsWith('--batch-size=')) ?? '')?.[1] ?? 100);
  const vault = new Vault(loadConfig());
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl, max: 2 }) });
  try {
    console.log(`rotating connector credentials to key ${vault.currentKeyId} (batches of ${batchSize})`);
    const report = await rotateSecrets(new PrismaRotationStore(prisma), vault, {
      batchSize,
      onBatch: (r) => console.log(`  progress: ${r.rotated} rotated, ${r.skipped} skipped, ${r.failed} failed`),
    });
    console.log(`done: ${report.rotated} rotated, ${report.skipped} skipped (changed meanwhile), ${report.failed} failed`);
    for (const id of report.failedIds) console.log(`  cannot decrypt connector_auths ${id}: its key is not in NEONHUB_ENCRYPTION_KEYS or the row was altered`);
    return report.failed > 0 ? 1 : 0;
  } finally {
    await prisma.$disconnect();
  }
});
