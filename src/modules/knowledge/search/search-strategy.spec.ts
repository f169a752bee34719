import { chooseStrategy, DEFAULT_SEARCH_TUNING, hasIterativeScans } from './search-strategy';

describe(chooseStrategy.name, () => {
  const tuning = { exactMaxRows: 5_000, minHnswFraction: 0.03 };

  it.each([
    ['a tiny tenant', 20, 100_000, 'exact'],
    ['a tenant at the row threshold', 5_000, 100_000, 'exact'],
    ['the tenant holding 40 % of the table', 40_000, 100_000, 'hnsw'],
    ['a tenant just past the row threshold and 6 % of the table', 6_000, 100_000, 'hnsw'],
    ['a large tenant that is a thin slice of a huge table', 50_000, 10_000_000, 'exact'],
    ['a large tenant of a table never analysed (no estimate)', 40_000, 0, 'hnsw'],
  ] as const)('should search %s (%i of %i rows) %s', (_case, scopeRows, tableRows, expected) => {
    expect(chooseStrategy({ scopeRows, tableRows }, true, tuning)).toBe(expected);
  });

  it('should search exactly whatever the size when pgvector has no iterative scans', () => {
    expect(chooseStrategy({ scopeRows: 40_000, tableRows: 100_000 }, false, tuning)).toBe('exact');
  });

  it('should take HNSW for any scope when both thresholds are zero (how tests force it)', () => {
    expect(chooseStrategy({ scopeRows: 3, tableRows: 1_000 }, true, { exactMaxRows: 0, minHnswFraction: 0 })).toBe('hnsw');
  });

  it('should default to thresholds the benchmark measured', () => {
    expect(DEFAULT_SEARCH_TUNING).toMatchObject({ exactMaxRows: 5_000, minHnswFraction: 0.03 });
  });
});

describe(hasIterativeScans.name, () => {
  it.each([
    ['0.8.0', true],
    ['0.8.7', true],
    ['0.10.1', true],
    ['1.0.0', true],
    ['0.7.4', false],
    ['0.5.1', false],
    [null, false],
    ['', false],
  ] as const)('should answer %s for pgvector %s', (version, expected) => {
    expect(hasIterativeScans(version)).toBe(expected);
  });
});
