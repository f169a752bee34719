import { detectDrift } from '../../src/infra/database/migrations/drift';
import { MIGRATE_URL_VARIABLES, runDbCommand } from './cli';

/** Compares the database with prisma/schema.prisma; exit 1 when they differ. */
runDbCommand(async (databaseUrl) => {
  const differences = await detectDrift({ databaseUrl });
  if (differences.length === 0) {
    console.log('no drift: the database matches prisma/schema.prisma');
    return 0;
  }
  console.log(`drift: ${differences.length} difference(s) between the database and prisma/schema.prisma`);
  for (const line of differences) console.log(`  ${line}`);
  return 1;
}, MIGRATE_URL_VARIABLES);
