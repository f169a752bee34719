import { canTransition } from './content-transitions';

describe(canTransition.name, () => {
  it('should move content forward through review, send it back from review, and archive anything not archived', () => {
    expect(canTransition('DRAFT', 'IN_REVIEW')).toBe(true);
    expect(canTransition('IN_REVIEW', 'APPROVED')).toBe(true);
    expect(canTransition('IN_REVIEW', 'DRAFT')).toBe(true);
    expect(canTransition('APPROVED', 'PUBLISHED')).toBe(true);
    expect(canTransition('PUBLISHED', 'ARCHIVED')).toBe(true);
  });

  it('should refuse skipping review, going back after approval, and leaving the archive', () => {
    expect(canTransition('DRAFT', 'APPROVED')).toBe(false);
    expect(canTransition('DRAFT', 'PUBLISHED')).toBe(false);
    expect(canTransition('APPROVED', 'DRAFT')).toBe(false);
    expect(canTransition('PUBLISHED', 'IN_REVIEW')).toBe(false);
    expect(canTransition('ARCHIVED', 'DRAFT')).toBe(false);
  });

  it('should allow staying where it is', () => {
    expect(canTransition('ARCHIVED', 'ARCHIVED')).toBe(true);
  });
});
