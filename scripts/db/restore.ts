import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withClient } from '../../src/infra/database/migrations/connection';
import { defaultMigrationsDir } from '../../src/infra/database/migrations/migrator';
import { parseRestoreArgs } from './backup/args';
import { verifyChecksumFile } from './backup/checksum';
import { KEY_VARIABLE, backupKey, decryptFile, isEncrypted } from './backup/encryption';
import { dropDatabase, prepareTarget } from './backup/restore-target';
import { pgTarget, spawnPgTool } from './backup/pg-tools';
import { ADMIN_URL_VARIABLES, CommandRefusal, runDbCommand } from './cli';
import { ensureRoles } from './roles/ensure-roles';
import { requiredExtensions } from './roles/required-extensions';
import { databaseRoles } from './roles/role-names';

/**
 * `npm run db:restore -- <file> --target <database> [--clean] [--jobs N] [--with-roles]`, on the
 * server of DATABASE_URL_ADMIN (else DATABASE_URL_MIGRATE). Checks <file>.sha256 first (exit 3 on
 * a mismatch), decrypts with NEONHUB_BACKUP_KEY when the backup is encrypted, then pg_restore into
 * a new database. Owners and grants of the source are not restored (--no-owner --no-privileges):
 * the target environment's roles may have other names; --with-roles applies them as db:roles does.
 */
runDbCommand(async (adminUrl) => {
  const args = parseRestoreArgs(process.argv.slice(2));
  const startedAt = Date.now();
  await verifyChecksumFile(args.file);
  const roles = args.withRoles ? databaseRoles(process.env) : undefined;
  const scratch = await mkdtemp(join(tmpdir(), 'neonhub-restore-'));
  try {
    const archive = await plainArchive(args.file, scratch);
    const server = pgTarget(adminUrl, args.maintenanceDb).dbname;
    const target = pgTarget(adminUrl, args.target);
    await withClient(withPassword(server, adminUrl), (client) => prepareTarget(client, args.target, args.clean));
    try {
      const restore = spawnPgTool(
        'pg_restore',
        ['--no-owner', '--no-privileges', '--exit-on-error', '--no-password', `--jobs=${args.jobs}`, `--dbname=${target.dbname}`, archive],
        target.env,
      );
      restore.child.stdout.resume();
      await restore.done;
    } catch (error) {
      await withClient(withPassword(server, adminUrl), (client) => dropDatabase(client, args.target)).catch(() => undefined);
      throw error;
    }
    await withClient(withPassword(target.dbname, adminUrl), async (client) => {
      // pg_restore leaves the planner without statistics; the first queries would plan blind.
      await client.query('ANALYZE');
      if (roles) await ensureRoles(client, { roles, extensions: requiredExtensions(defaultMigrationsDir()), log: (m) => console.log(m) });
    });
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  console.log(`restored ${args.file} into database ${args.target} in ${Date.now() - startedAt} ms`);
  if (!roles) console.log(`next: npm run db:roles with DATABASE_URL_ADMIN naming ${args.target}, so neonhub_migrate owns it and neonhub_app may use it`);
  return 0;
}, ADMIN_URL_VARIABLES);

/** The pg_dump archive to restore: the file itself, or its decryption in `scratch` (owner-only). */
async function plainArchive(file: string, scratch: string): Promise<string> {
  if (await isEncrypted(file)) {
    const key = backupKey(process.env);
    if (!key) throw new CommandRefusal(`${file} is encrypted: set ${KEY_VARIABLE} to the key it was written with`, 2);
    const out = join(scratch, 'archive.dump');
    await decryptFile(file, out, key);
    return out;
  }
  if (!(await startsWith(file, 'PGDMP'))) throw new CommandRefusal(`${file} is neither a pg_dump custom-format archive nor an encrypted backup`, 2);
  return file;
}

async function startsWith(file: string, magic: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const { bytesRead, buffer } = await handle.read(Buffer.alloc(magic.length), 0, magic.length, 0);
    return bytesRead === magic.length && buffer.toString('latin1') === magic;
  } finally {
    await handle.close();
  }
}

/** pgTarget drops the password for the tools' command line; a pg client gets it back in its URL. */
function withPassword(url: string, adminUrl: string): string {
  const withIt = new URL(url);
  withIt.password = new URL(adminUrl).password;
  return withIt.toString();
}
