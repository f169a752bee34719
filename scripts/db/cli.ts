/**
 * Shared frame of the db:* commands: DATABASE_URL from the environment, and failures reported as
 * one line on stderr with exit code 1, because operators read these in deploy logs, not stack traces.
 */
export function runDbCommand(command: (databaseUrl: string) => Promise<number>): void {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    console.error('error: DATABASE_URL is not set');
    process.exitCode = 1;
    return;
  }
  command(databaseUrl).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(`error: ${oneLine(error)}`);
      process.exitCode = 1;
    },
  );
}

function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown }).code;
  // Network errors (ECONNREFUSED, ...) can come as an AggregateError with an empty message.
  const text = message || (typeof code === 'string' ? code : 'unknown error');
  return text.replace(/\s*\n\s*/g, ' ').trim();
}
