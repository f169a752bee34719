import { createHash } from 'node:crypto';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { parseBackupArgs } from './backup/args';
import { writeChecksumFile } from './backup/checksum';
import { backupKey, encrypt } from './backup/encryption';
import { pgTarget, spawnPgTool } from './backup/pg-tools';
import { BACKUP_URL_VARIABLES, CommandRefusal, runDbCommand } from './cli';

/**
 * `npm run db:backup [-- --out <file>]`: pg_dump of the database of DATABASE_URL_BACKUP (else
 * DATABASE_URL_MIGRATE, else DATABASE_URL) in custom format, encrypted with NEONHUB_BACKUP_KEY
 * when set, and a <file>.sha256 beside it. Default file: backups/<database>-<UTC time>.dump[.enc].
 * Written under a .partial name and renamed when complete, so a file with the final name is whole.
 */
runDbCommand(async (databaseUrl) => {
  const { out: requested } = parseBackupArgs(process.argv.slice(2));
  const key = backupKey(process.env);
  const source = pgTarget(databaseUrl);
  const out = requested ?? join('backups', `${source.database}-${new Date().toISOString().replace(/[-:]|\.\d+/g, '')}.dump${key ? '.enc' : ''}`);
  if (existsSync(out)) throw new CommandRefusal(`${out} exists: a backup is never overwritten`, 2);
  await mkdir(dirname(out), { recursive: true });
  const partial = `${out}.partial`;
  const startedAt = Date.now();
  const hash = createHash('sha256');
  const dump = spawnPgTool('pg_dump', ['--format=custom', '--no-password', `--dbname=${source.dbname}`], source.env);
  try {
    const body = key ? encrypt(dump.child.stdout, key) : dump.child.stdout;
    await Promise.all([
      pipeline(body, tap(hash), createWriteStream(partial, { mode: 0o600, flags: 'wx' })).catch((error: unknown) => {
        dump.child.kill();
        throw error;
      }),
      dump.done,
    ]);
    await rename(partial, out);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
  const sha256 = hash.digest('hex');
  await writeChecksumFile(out, sha256);
  const { size } = await stat(out);
  console.log(`backed up ${source.database} to ${out} (${size} bytes${key ? ', AES-256-GCM' : ''}) in ${Date.now() - startedAt} ms`);
  console.log(`sha256 ${sha256} in ${out}.sha256`);
  return 0;
}, BACKUP_URL_VARIABLES);

function tap(hash: ReturnType<typeof createHash>) {
  return async function* (source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
    for await (const chunk of source) {
      hash.update(chunk);
      yield chunk;
    }
  };
}
