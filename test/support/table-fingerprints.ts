import { Client } from 'pg';

export interface TableFingerprint {
  rows: number;
  /** md5 of every row's text, in primary-key order: two tables with equal digests hold the same data. */
  digest: string;
}

/** Row count and content digest of every table of schema public, and each sequence's position. */
export async function tableFingerprints(databaseUrl: string): Promise<Record<string, TableFingerprint | string>> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ name: string; pk: string | null }>(
      `SELECT c.relname AS name,
              (SELECT string_agg(format('t.%I', a.attname), ', ' ORDER BY array_position(i.indkey::int2[], a.attnum))
                 FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
                WHERE i.indrelid = c.oid AND i.indisprimary) AS pk
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') ORDER BY 1`,
    );
    const result: Record<string, TableFingerprint | string> = {};
    for (const { name, pk } of tables) {
      const { rows } = await client.query<TableFingerprint>(
        `SELECT count(*)::int AS rows, md5(coalesce(string_agg(t::text, E'\\n' ORDER BY ${pk ?? 't::text'}), '')) AS digest FROM public."${name}" t`,
      );
      result[name] = rows[0]!;
    }
    const { rows: sequences } = await client.query<{ name: string; position: string }>(
      "SELECT sequencename AS name, coalesce(last_value, 0)::text AS position FROM pg_sequences WHERE schemaname = 'public'",
    );
    for (const { name, position } of sequences) result[`sequence ${name}`] = position;
    return result;
  } finally {
    await client.end();
  }
}
