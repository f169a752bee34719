import { canMove, EDITORIAL_STATUSES } from './editorial-transitions';

describe(canMove.name, () => {
  it.each([
    ['PROPOSED', 'PLANNED'],
    ['PLANNED', 'IN_PROGRESS'],
    ['IN_PROGRESS', 'DONE'],
    ['PROPOSED', 'DROPPED'],
    ['DONE', 'DROPPED'],
    ['PLANNED', 'PLANNED'],
  ] as const)('should allow %s -> %s', (from, to) => {
    expect(canMove(from, to)).toBe(true);
  });

  it.each([
    ['PROPOSED', 'IN_PROGRESS'],
    ['PROPOSED', 'DONE'],
    ['DONE', 'PLANNED'],
    ['IN_PROGRESS', 'PROPOSED'],
    ['DROPPED', 'PROPOSED'],
    ['DROPPED', 'PLANNED'],
  ] as const)('should refuse %s -> %s', (from, to) => {
    expect(canMove(from, to)).toBe(false);
  });

  it('should let nothing leave DROPPED', () => {
    expect(EDITORIAL_STATUSES.filter((to) => to !== 'DROPPED' && canMove('DROPPED', to))).toEqual([]);
  });
});
