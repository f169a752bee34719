import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MigrationError } from './migration-error';

/** One folder of the migrations directory, as Prisma Migrate lays it out: `<name>/migration.sql`. */
export interface LocalMigration {
  name: string;
  script: string;
  /** What Prisma stores in `_prisma_migrations.checksum`: sha256 of the file, lowercase hex. */
  checksum: string;
}

const SCRIPT_FILE = 'migration.sql';
const LOCK_FILE = 'migration_lock.toml';

/** The migrations in the order Prisma applies them: folder names sorted lexically (timestamp first). */
export async function readMigrationsDirectory(dir: string): Promise<LocalMigration[]> {
  if (!existsSync(dir)) throw new MigrationError(`migrations directory ${dir} does not exist`);
  await assertPostgresLockfile(dir);
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return Promise.all(names.map((name) => readMigration(dir, name)));
}

async function readMigration(dir: string, name: string): Promise<LocalMigration> {
  const file = join(dir, name, SCRIPT_FILE);
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch {
    throw new MigrationError(`migration ${name} has no readable ${SCRIPT_FILE} (${file})`);
  }
  return { name, script: bytes.toString('utf8'), checksum: sha256Hex(bytes) };
}

/** Same guard as Prisma: migrations written for another provider must not be replayed here. */
async function assertPostgresLockfile(dir: string): Promise<void> {
  const file = join(dir, LOCK_FILE);
  if (!existsSync(file)) return;
  const line = (await readFile(file, 'utf8')).split(/\r?\n/).find((l) => l.startsWith('provider'));
  const provider = line?.replace(/^provider\s*=\s*/, '').trim().replace(/^"|"$/g, '');
  if (provider !== 'postgresql') {
    throw new MigrationError(`${file} is for provider "${provider ?? '<none>'}", not "postgresql"`);
  }
}

export function sha256Hex(content: Buffer | string): string {
  return createHash('sha256').update(content).digest('hex');
}

/**
 * Whether `script` is the one recorded with `checksum`. Like Prisma, line endings do not count
 * (git may check a file out with CRLF on one machine and LF on another), and checksums written
 * by old Prisma versions without zero padding still match.
 */
export function scriptMatchesChecksum(script: string, checksum: string): boolean {
  const variants = [script, script.replace(/\r\n/g, '\n'), script.replace(/\r?\n/g, '\r\n')];
  return variants.some((variant) => {
    const digest = createHash('sha256').update(variant).digest();
    return hexOf(digest, checksum.length === 64) === checksum;
  });
}

function hexOf(digest: Buffer, padded: boolean): string {
  return [...digest].map((byte) => (padded ? byte.toString(16).padStart(2, '0') : byte.toString(16))).join('');
}
