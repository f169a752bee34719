import { intakeJobId, pendingStageOf } from './intake-jobs';

describe(pendingStageOf.name, () => {
  it.each([
    ['PENDING', 'URL', 'fetch'],
    ['PENDING', 'TEXT', 'normalize'],
    ['PENDING', 'FILE', 'normalize'],
    ['FETCHING', 'URL', 'fetch'],
    ['NORMALIZING', 'URL', 'normalize'],
    ['EMBEDDING', 'FILE', 'embed'],
    ['READY', 'URL', undefined],
    ['FAILED', 'TEXT', undefined],
  ] as const)('should wait on %s of a %s document: %s', (status, source, stage) => {
    expect(pendingStageOf({ status, source })).toBe(stage);
  });
});

describe(intakeJobId.name, () => {
  it('should name one job per stage, document and version, without the colon BullMQ refuses', () => {
    expect(intakeJobId('embed', 'doc-1', 3)).toBe('embed-doc-1-3');
    expect(intakeJobId('embed', 'doc-1', 3)).not.toBe(intakeJobId('embed', 'doc-1', 4));
  });
});
