import { foreignKeyName, indexName, primaryKeyName, uniqueIndexName } from './constraint-names';
import { canonicalDefault, canonicalType } from './schema-model';

describe(canonicalType.name, () => {
  it.each([
    ['text', 'text'],
    ['timestamp(3) with time zone', 'timestamptz(3)'],
    ['timestamptz(3)', 'timestamptz(3)'],
    ['timestamp(3) without time zone', 'timestamp(3)'],
    ['time with time zone', 'timetz'],
    ['character varying(255)', 'varchar(255)'],
    ['varchar(255)', 'varchar(255)'],
    ['character(4)', 'char(4)'],
    ['numeric(65,30)', 'decimal(65,30)'],
    ['decimal(65, 30)', 'decimal(65,30)'],
    ['double precision', 'double precision'],
    ['"RunStatus"', 'RunStatus'],
    ['"RunStatus"[]', 'RunStatus[]'],
    ['text[]', 'text[]'],
    ['public.citext', 'citext'],
    ['vector(1536)', 'vector(1536)'],
  ])('should spell %s as %s', (raw, canonical) => {
    expect(canonicalType(raw)).toBe(canonical);
  });
});

describe(canonicalDefault.name, () => {
  it.each([
    [null, null],
    ['gen_random_uuid()', 'gen_random_uuid()'],
    ['CURRENT_TIMESTAMP', 'CURRENT_TIMESTAMP'],
    ['now()', 'CURRENT_TIMESTAMP'],
    ["'{}'::jsonb", "'{}'"],
    [`'ACTIVE'::"AgentStatus"`, "'ACTIVE'"],
    ["'default'::text", "'default'"],
    ['ARRAY[]::text[]', 'ARRAY[]'],
    ["ARRAY['a'::text, 'b'::text]", "ARRAY['a', 'b']"],
    ["ARRAY['a','b']::TEXT[]", "ARRAY['a', 'b']"],
    ["'-5'::integer", '-5'],
    ['(-5)', '-5'],
    ['0', '0'],
    ["nextval('agents_id_seq'::regclass)", 'autoincrement()'],
    ["''::tsvector", "''"],
  ])('should spell %p as %p', (raw, canonical) => {
    expect(canonicalDefault(raw)).toBe(canonical);
  });
});

describe('constraint names', () => {
  it('should follow Prisma conventions', () => {
    expect(primaryKeyName('agent_runs')).toBe('agent_runs_pkey');
    expect(uniqueIndexName('agents', ['organization_id', 'name'])).toBe('agents_organization_id_name_key');
    expect(indexName('agent_runs', ['status', 'lease_expires_at'])).toBe('agent_runs_status_lease_expires_at_idx');
    expect(foreignKeyName('agent_runs', ['user_id'])).toBe('agent_runs_user_id_fkey');
  });

  it('should cut long names to 63 bytes before the suffix, as Prisma does', () => {
    const sut = uniqueIndexName('connector_auths', ['organization_id', 'connector_id', 'connection_name']);

    expect(sut).toBe('connector_auths_organization_id_connector_id_connection_nam_key');
    expect(sut).toHaveLength(63);
  });
});
