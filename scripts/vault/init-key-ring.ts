import { ensureKeyRingFile } from './key-ring-file';

/**
 * `node dist/scripts/vault/init-key-ring.js <file>`: the docker compose `init` service. Creates the
 * vault key ring that NEONHUB_ENCRYPTION_KEYS_FILE names, once; later starts leave it as it is.
 */
const file = process.argv[2];
if (!file) {
  console.error('usage: init-key-ring <file>');
  process.exit(2);
}
try {
  if (ensureKeyRingFile(file).created) {
    console.log(`created a vault key ring in ${file}; back it up: connector credentials sealed under it cannot be read without it`);
  } else {
    console.log(`vault key ring present in ${file}; left as it is`);
  }
} catch (error) {
  console.error(`cannot create the vault key ring in ${file}: ${(error as Error).message}`);
  process.exit(1);
}
