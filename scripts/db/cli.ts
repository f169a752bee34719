/**
 * Which environment variables name the database a command connects to, first set wins. The app
 * connects with DATABASE_URL (neonhub_app: data only); schema changes need the owner's URL
 * (DATABASE_URL_MIGRATE: neonhub_migrate); creating roles, extensions and databases needs an
 * administrator's (DATABASE_URL_ADMIN). A deployment that has one all-powerful URL sets only
 * DATABASE_URL and every command still works.
 */
export const MIGRATE_URL_VARIABLES = ['DATABASE_URL_MIGRATE', 'DATABASE_URL'] as const;
export const ADMIN_URL_VARIABLES = ['DATABASE_URL_ADMIN', 'DATABASE_URL_MIGRATE'] as const;
/** pg_dump needs only to read: neonhub_readonly's URL is enough (DATABASE_URL_BACKUP). */
export const BACKUP_URL_VARIABLES = ['DATABASE_URL_BACKUP', 'DATABASE_URL_MIGRATE', 'DATABASE_URL'] as const;

/** A refusal the operator can act on (bad flag, checksum mismatch); `exitCode` tells scripts which. */
export class CommandRefusal extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

/**
 * Shared frame of the db:* commands: the database URL from the environment, and failures reported
 * as one line on stderr with exit code 1 (or a refusal's own code), because operators read these
 * in deploy logs, not stack traces.
 */
export function runDbCommand(command: (databaseUrl: string) => Promise<number>, variables: readonly string[] = ['DATABASE_URL']): void {
  const name = variables.find((variable) => process.env[variable]);
  const databaseUrl = name ? process.env[name] : undefined;
  if (!databaseUrl) {
    console.error(`error: ${describeMissing(variables)}`);
    process.exitCode = 1;
    return;
  }
  command(databaseUrl).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(`error: ${oneLine(error)}`);
      process.exitCode = error instanceof CommandRefusal ? error.exitCode : 1;
    },
  );
}

function describeMissing(variables: readonly string[]): string {
  if (variables.length === 1) return `${variables[0]} is not set`;
  return `none of ${variables.join(', ')} is set`;
}

function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown }).code;
  // Network errors (ECONNREFUSED, ...) can come as an AggregateError with an empty message.
  const text = message || (typeof code === 'string' ? code : 'unknown error');
  return text.replace(/\s*\n\s*/g, ' ').trim();
}
