import { pgTarget } from './pg-tools';

describe(pgTarget.name, () => {
  it('should keep the password off the command line and hand it over in PGPASSWORD', () => {
    const sut = pgTarget('postgresql://neonhub_readonly:s%40cret@db.internal:5433/neonhub?sslmode=require');

    expect(sut.dbname).toBe('postgresql://neonhub_readonly@db.internal:5433/neonhub?sslmode=require');
    expect(sut.env.PGPASSWORD).toBe('s@cret');
    expect(sut.database).toBe('neonhub');
  });

  it("should drop Prisma's own parameters, which pg_dump would refuse", () => {
    const sut = pgTarget('postgresql://u@db/neonhub?schema=public&connection_limit=5&application_name=backup');

    expect(sut.dbname).toBe('postgresql://u@db/neonhub?application_name=backup');
  });

  it('should point at another database of the same server when asked', () => {
    const sut = pgTarget('postgresql://admin:pw@db:5432/postgres', 'neonhub_restored');

    expect(sut).toMatchObject({ dbname: 'postgresql://admin@db:5432/neonhub_restored', database: 'neonhub_restored' });
  });

  it('should refuse a URL it cannot parse without echoing it (it may hold a password)', () => {
    expect(() => pgTarget('not a url :secret')).toThrow(/^the database URL cannot be parsed$/);
  });
});
