import { splitSchemaParam, withClient } from '../../src/infra/database/migrations/connection';
import { defaultMigrationsDir } from '../../src/infra/database/migrations/migrator';
import { ADMIN_URL_VARIABLES, CommandRefusal, runDbCommand } from './cli';
import { ensureRoles } from './roles/ensure-roles';
import { requiredExtensions } from './roles/required-extensions';
import { databaseRoles } from './roles/role-names';

/**
 * `npm run db:roles`: creates (or corrects) neonhub_migrate, neonhub_app and neonhub_readonly and
 * their privileges on the database of DATABASE_URL_ADMIN (else DATABASE_URL_MIGRATE), and the
 * extensions the migrations need. Run it before `npm run db:migrate` on every deployment; a second
 * run changes nothing. Passwords come from NEONHUB_{MIGRATE,APP,READONLY}_DB_PASSWORD and are
 * sent hashed, never printed.
 */
runDbCommand(async (adminUrl) => {
  const roles = databaseRoles(process.env);
  const { schema } = splitSchemaParam(adminUrl);
  // The grants below are written for schema public, where the migrations put everything.
  if (schema && schema !== 'public') throw new CommandRefusal(`db:roles manages schema public only; the URL names schema ${schema}`, 2);
  await withClient(adminUrl, (client) =>
    ensureRoles(client, { roles, extensions: requiredExtensions(defaultMigrationsDir()), log: (message) => console.log(message) }),
  );
  return 0;
}, ADMIN_URL_VARIABLES);
