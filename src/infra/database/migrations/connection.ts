import { Client } from 'pg';

/**
 * Opens one pg client for a Prisma-style URL and closes it after `fn`.
 *
 * Prisma URLs may carry `?schema=name`, which pg does not know; it is turned into the session's
 * search_path so the migrations table and the migrated objects land where Prisma would put them.
 * Without it the server default applies: on the embedded PGlite every client shares one session,
 * so a SET there would leak into the application's connection.
 */
export async function withClient<T>(databaseUrl: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const { connectionString, schema } = splitSchemaParam(databaseUrl);
  const client = new Client({ connectionString });
  // A broken socket is reported by the failing query; without a listener it would crash the process.
  client.on('error', () => undefined);
  await client.connect();
  try {
    if (schema) await client.query(`SET search_path TO ${quoteIdent(schema)}`);
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

export function splitSchemaParam(databaseUrl: string): { connectionString: string; schema?: string } {
  let url: URL;
  try {
    url = new URL(databaseUrl);
  } catch {
    throw new Error('the database URL cannot be parsed');
  }
  const schema = url.searchParams.get('schema') ?? undefined;
  url.searchParams.delete('schema');
  return { connectionString: url.toString(), schema: schema || undefined };
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
