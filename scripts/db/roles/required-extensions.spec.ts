import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultMigrationsDir } from '../../../src/infra/database/migrations/migrator';
import { requiredExtensions } from './required-extensions';

describe(requiredExtensions.name, () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'neonhub-ext-'));
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function migration(name: string, sql: string): void {
    mkdirSync(join(dir, name));
    writeFileSync(join(dir, name, 'migration.sql'), sql);
  }

  it('should list each extension the migrations create once, in the order they first appear', () => {
    migration('0001_init', 'CREATE EXTENSION IF NOT EXISTS "citext";\ncreate extension vector;\nCREATE TABLE t (id int);');
    migration('0002_more', 'CREATE EXTENSION IF NOT EXISTS "uuid-ossp";\nCREATE EXTENSION IF NOT EXISTS "citext";');

    expect(requiredExtensions(dir)).toEqual(['citext', 'vector', 'uuid-ossp']);
  });

  it('should find the extensions of the real migrations, pgvector among them', () => {
    expect(requiredExtensions(defaultMigrationsDir())).toEqual(expect.arrayContaining(['citext', 'uuid-ossp', 'vector']));
  });
});
