import { compareSchemas } from './drift/compare';
import { expectedSchema } from './drift/expected-schema';
import type { DbSchema, DbTable } from './drift/schema-model';

const SCHEMA = `
datasource db {
  provider   = "postgresql"
  extensions = [citext, uuid_ossp(map: "uuid-ossp", schema: "public")]
}

generator client {
  provider        = "prisma-client"
  previewFeatures = ["postgresqlExtensions"]
}

enum Status {
  ON  @map("on")
  OFF

  @@map("status")
}

model Team {
  id      String   @id @default(dbgenerated("gen_random_uuid()")) @db.Uuid
  slug    String   @unique @db.Citext
  tags    String[] @default([])
  status  Status   @default(ON)
  body    Json     @default("{}") // braces in a string: {}
  note    String?  @default("it's")
  vec     Unsupported("vector(3)")? @map("embedding")
  members Member[]
  owned   Member[] @relation("owner")

  @@index([slug(sort: Desc), status], map: "team_lookup")
  @@map("teams")
}

model Member {
  teamId  String  @map("team_id") @db.Uuid
  userId  Int     @map("user_id")
  ownerId String? @map("owner_id") @db.Uuid
  team    Team    @relation(fields: [teamId], references: [id], map: "member_team")
  owner   Team?   @relation("owner", fields: [ownerId], references: [id], onUpdate: NoAction)

  @@id([teamId, userId])
  @@index([ownerId], type: Hash)
}
`;

function expected(): DbSchema {
  return expectedSchema([['schema.prisma', SCHEMA]]);
}

function table(schema: DbSchema, name: string): DbTable {
  const found = schema.tables.get(name);
  if (!found) throw new Error(`no table ${name}`);
  return found;
}

describe(expectedSchema.name, () => {
  const sut = expected();

  it('should take extensions from the datasource, using their database names', () => {
    expect(sut.extensions).toEqual(['citext', 'uuid-ossp']);
  });

  it('should map enums and their values', () => {
    expect(sut.enums).toEqual(new Map([['status', ['on', 'OFF']]]));
  });

  it('should derive columns as Prisma Migrate creates them', () => {
    expect(table(sut, 'teams').columns).toEqual([
      { name: 'id', type: 'uuid', nullable: false, default: 'gen_random_uuid()' },
      { name: 'slug', type: 'citext', nullable: false, default: null },
      { name: 'tags', type: 'text[]', nullable: true, default: 'ARRAY[]' },
      { name: 'status', type: 'status', nullable: false, default: "'on'" },
      { name: 'body', type: 'jsonb', nullable: false, default: "'{}'" },
      { name: 'note', type: 'text', nullable: true, default: "'it''s'" },
      { name: 'embedding', type: 'vector(3)', nullable: true, default: null },
    ]);
  });

  it('should name primary keys, unique indexes and indexes by convention unless mapped', () => {
    const teams = table(sut, 'teams');
    const members = table(sut, 'Member');

    expect(teams.primaryKey).toEqual({ name: 'teams_pkey', columns: ['id'] });
    expect(members.primaryKey).toEqual({ name: 'Member_pkey', columns: ['team_id', 'user_id'] });
    expect(teams.indexes).toEqual([
      { name: 'teams_slug_key', unique: true, method: 'btree', columns: [{ name: 'slug', descending: false }] },
      { name: 'team_lookup', unique: false, method: 'btree', columns: [{ name: 'slug', descending: true }, { name: 'status', descending: false }] },
    ]);
    expect(members.indexes).toEqual([{ name: 'Member_owner_id_idx', unique: false, method: 'hash', columns: [{ name: 'owner_id', descending: false }] }]);
  });

  it('should derive foreign keys with Prisma default actions and mapped names', () => {
    expect(table(sut, 'Member').foreignKeys).toEqual([
      { name: 'member_team', columns: ['team_id'], referencedTable: 'teams', referencedColumns: ['id'], onDelete: 'RESTRICT', onUpdate: 'CASCADE' },
      { name: 'Member_owner_id_fkey', columns: ['owner_id'], referencedTable: 'teams', referencedColumns: ['id'], onDelete: 'SET NULL', onUpdate: 'NO ACTION' },
    ]);
  });

  it('should report an invalid schema with Prisma validation message', () => {
    expect(() => expectedSchema([['schema.prisma', 'model Broken {\n  id Strin @id\n}\n']])).toThrow(/schema.prisma is not valid: .*Strin/s);
  });
});

describe(compareSchemas.name, () => {
  it('should find no difference between a schema and itself', () => {
    expect(compareSchemas(expected(), expected())).toEqual([]);
  });

  it('should describe every kind of difference in one readable line', () => {
    const live = expected();
    const teams = table(live, 'teams');
    const members = table(live, 'Member');
    live.extensions = ['citext', 'pg_trgm'];
    live.enums.set('status', ['on']);
    teams.columns = teams.columns.filter((c) => c.name !== 'note');
    teams.columns[1] = { ...teams.columns[1], type: 'varchar(255)', nullable: true };
    teams.columns[3] = { ...teams.columns[3], default: null };
    teams.indexes = teams.indexes.filter((i) => i.name !== 'team_lookup').map((i) => ({ ...i, unique: false }));
    members.foreignKeys = [{ ...members.foreignKeys[1], onDelete: 'CASCADE' }];
    members.primaryKey = null;
    live.tables.set('stray', { name: 'stray', columns: [], primaryKey: null, indexes: [], foreignKeys: [] });

    const sut = compareSchemas(expected(), live);

    expect(sut).toEqual([
      'missing extension uuid-ossp',
      'unexpected extension pg_trgm (not declared in the datasource)',
      'enum status: expected values (on, OFF), found (on)',
      'missing primary key Member_pkey on Member(team_id, user_id)',
      'missing foreign key member_team on Member(team_id) -> teams(id) ON DELETE RESTRICT ON UPDATE CASCADE',
      'foreign key Member(owner_id): expected ON DELETE SET NULL, found ON DELETE CASCADE',
      'column teams.slug: expected type citext, found varchar(255)',
      'column teams.slug: expected NOT NULL, found nullable',
      "column teams.status: expected default 'on', found (none)",
      "missing column teams.note (text nullable DEFAULT 'it''s')",
      'index teams.teams_slug_key: expected unique, found non-unique',
      'missing index team_lookup on teams(slug DESC, status)',
      'unexpected table stray',
    ]);
  });
});
