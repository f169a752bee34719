import { applyMigrations } from '../../src/infra/database/migrations/migrator';
import { MIGRATE_URL_VARIABLES, runDbCommand } from './cli';

runDbCommand(async (databaseUrl) => {
  const { applied } = await applyMigrations({ databaseUrl, log: (message) => console.log(message) });
  if (applied.length === 0) console.log('database is up to date');
  return 0;
}, MIGRATE_URL_VARIABLES);
