import { migrationStatus } from '../../src/infra/database/migrations/migrator';
import { MIGRATE_URL_VARIABLES, runDbCommand } from './cli';

/** Prints the migration history against the migrations directory; exit 1 unless fully applied and intact. */
runDbCommand(async (databaseUrl) => {
  const status = await migrationStatus({ databaseUrl });
  const sections: [string, string[]][] = [
    ['failed (blocks migrating)', status.failed],
    ['modified after being applied', status.modified],
    ['applied but missing from prisma/migrations', status.missingLocally],
    ['pending', status.pending],
  ];
  console.log(`${status.applied.length} migration(s) applied`);
  for (const [title, names] of sections) {
    if (names.length === 0) continue;
    console.log(`${title}:`);
    for (const name of names) console.log(`  ${name}`);
  }
  const clean = sections.every(([, names]) => names.length === 0);
  if (clean) console.log('database is up to date');
  return clean ? 0 : 1;
}, MIGRATE_URL_VARIABLES);
