import { Client } from 'pg';
import { detectDrift } from '../../src/infra/database/migrations/drift';
import { applyMigrations } from '../../src/infra/database/migrations/migrator';
import { createTestDatabase, type TestDatabase } from '../support/database';

describe(detectDrift.name, () => {
  let migrated: TestDatabase;
  const clones: TestDatabase[] = [];

  beforeAll(async () => {
    migrated = await createTestDatabase('neonhub_drift');
    await applyMigrations({ databaseUrl: migrated.url });
  });

  afterAll(async () => {
    await Promise.all(clones.map((db) => db.drop()));
    await migrated.drop();
  });

  /** A copy of the freshly migrated database with `sql` applied to it. */
  async function migratedDatabaseAfter(sql: string): Promise<string> {
    const db = await createTestDatabase('neonhub_test', migrated.name);
    clones.push(db);
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
    return db.url;
  }

  it('should find no drift right after migrating', async () => {
    const sut = await detectDrift({ databaseUrl: migrated.url });

    expect(sut).toEqual([]);
  });

  it('should detect a dropped column', async () => {
    const url = await migratedDatabaseAfter('ALTER TABLE agent_runs DROP COLUMN lease_owner');

    const sut = await detectDrift({ databaseUrl: url });

    expect(sut).toEqual(['missing column agent_runs.lease_owner (text nullable)']);
  });

  it('should detect a changed type', async () => {
    const url = await migratedDatabaseAfter('ALTER TABLE agent_runs ALTER COLUMN intent TYPE varchar(255)');

    const sut = await detectDrift({ databaseUrl: url });

    expect(sut).toEqual(['column agent_runs.intent: expected type text, found varchar(255)']);
  });

  it('should detect a missing index', async () => {
    const url = await migratedDatabaseAfter('DROP INDEX agent_runs_status_lease_expires_at_idx');

    const sut = await detectDrift({ databaseUrl: url });

    expect(sut).toEqual(['missing index agent_runs_status_lease_expires_at_idx on agent_runs(status, lease_expires_at)']);
  });

  it('should detect a missing HNSW index on a vector column', async () => {
    const url = await migratedDatabaseAfter('DROP INDEX chunks_embedding_hnsw_idx');

    const sut = await detectDrift({ databaseUrl: url });

    expect(sut).toEqual(['missing index chunks_embedding_hnsw_idx using hnsw on chunks(embedding)']);
  });

  it('should detect a vector index built with another distance', async () => {
    const url = await migratedDatabaseAfter(`
      DROP INDEX chunks_embedding_hnsw_idx;
      CREATE INDEX chunks_embedding_hnsw_idx ON chunks USING hnsw (embedding vector_l2_ops);`);

    const sut = await detectDrift({ databaseUrl: url });

    expect(sut).toEqual(['index chunks.chunks_embedding_hnsw_idx: expected operator class vector_cosine_ops on embedding, found vector_l2_ops']);
  });

  it('should detect a full-text index built as btree', async () => {
    const url = await migratedDatabaseAfter(`
      DROP INDEX agent_memories_search_vector_gin_idx;
      CREATE INDEX agent_memories_search_vector_gin_idx ON agent_memories (search_vector);`);

    const sut = await detectDrift({ databaseUrl: url });

    expect(sut).toEqual(['index agent_memories.agent_memories_search_vector_gin_idx: expected method gin, found btree']);
  });

  it('should detect a vector column of another dimension', async () => {
    const url = await migratedDatabaseAfter('DROP INDEX chunks_embedding_hnsw_idx; ALTER TABLE chunks ALTER COLUMN embedding TYPE vector(768)');

    const sut = await detectDrift({ databaseUrl: url });

    expect(sut).toEqual(['column chunks.embedding: expected type vector(1536), found vector(768)', 'missing index chunks_embedding_hnsw_idx using hnsw on chunks(embedding)']);
  });

  it('should detect an index whose sort order changed', async () => {
    const url = await migratedDatabaseAfter(`
      DROP INDEX agent_runs_organization_id_created_at_id_idx;
      CREATE INDEX agent_runs_organization_id_created_at_id_idx ON agent_runs (organization_id, created_at, id);`);

    const sut = await detectDrift({ databaseUrl: url });

    expect(sut).toEqual([
      'index agent_runs.agent_runs_organization_id_created_at_id_idx: expected columns (organization_id, created_at DESC, id), found (organization_id, created_at, id)',
    ]);
  });

  it('should detect a changed nullability', async () => {
    const url = await migratedDatabaseAfter('ALTER TABLE agents ALTER COLUMN description SET NOT NULL');

    const sut = await detectDrift({ databaseUrl: url });

    expect(sut).toEqual(['column agents.description: expected nullable, found NOT NULL']);
  });

  it('should detect a missing foreign key', async () => {
    const url = await migratedDatabaseAfter('ALTER TABLE tool_executions DROP CONSTRAINT tool_executions_run_id_fkey');

    const sut = await detectDrift({ databaseUrl: url });

    expect(sut).toEqual([
      'missing foreign key tool_executions_run_id_fkey on tool_executions(run_id) -> agent_runs(id) ON DELETE CASCADE ON UPDATE CASCADE',
    ]);
  });

  it('should detect changed defaults, enum values, referential actions and unknown tables', async () => {
    const url = await migratedDatabaseAfter(`
      ALTER TABLE agents ALTER COLUMN status SET DEFAULT 'PAUSED';
      ALTER TYPE "RunStatus" ADD VALUE 'ARCHIVED';
      ALTER TABLE api_keys DROP CONSTRAINT api_keys_user_id_fkey;
      ALTER TABLE api_keys ADD CONSTRAINT api_keys_user_id_fkey FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE RESTRICT ON UPDATE CASCADE;
      CREATE TABLE scratch (id int);`);

    const sut = await detectDrift({ databaseUrl: url });

    expect(sut).toEqual([
      'enum RunStatus: expected values (QUEUED, RUNNING, COMPLETED, FAILED, CANCELLED, TIMED_OUT, AWAITING_APPROVAL, WAITING), found (QUEUED, RUNNING, COMPLETED, FAILED, CANCELLED, TIMED_OUT, AWAITING_APPROVAL, WAITING, ARCHIVED)',
      "column agents.status: expected default 'ACTIVE', found 'PAUSED'",
      'foreign key api_keys(user_id): expected ON DELETE CASCADE, found ON DELETE RESTRICT',
      'unexpected table scratch',
    ]);
  });

  it('should report a missing extension and every missing table of an empty database', async () => {
    const empty = await createTestDatabase();
    clones.push(empty);

    const sut = await detectDrift({ databaseUrl: empty.url });

    expect(sut).toEqual(expect.arrayContaining(['missing extension vector', 'missing enum RunStatus (QUEUED, RUNNING, COMPLETED, FAILED, CANCELLED, TIMED_OUT, AWAITING_APPROVAL, WAITING)', 'missing table agent_runs']));
  });
});
