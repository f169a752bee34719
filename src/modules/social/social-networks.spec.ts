import { isUUID } from 'class-validator';
import { networkColumn, networkNames, networkOf, socialPostIdFor } from './social-networks';
import { SOCIAL_NETWORKS } from './network-rules';
import { hourlyCronFor } from './sync/sync-schedule';

describe('social networks', () => {
  it('should map every network to its column and back', () => {
    for (const network of SOCIAL_NETWORKS) expect(networkOf(networkColumn(network))).toBe(network);
    expect(networkColumn('linkedin')).toBe('LINKEDIN');
  });

  it('should name networks as a reviewer reads them', () => {
    expect(networkNames(['x'])).toBe('X');
    expect(networkNames(['x', 'linkedin', 'instagram'])).toBe('X, LinkedIn and Instagram');
  });

  it('should derive a post id per run and network: a UUID, the same every time, different per network', () => {
    const run = '7f0c2d9e-0b7a-4c51-9d3e-2b8f6a1c4e10';

    expect(isUUID(socialPostIdFor(run, 'x'))).toBe(true);
    expect(socialPostIdFor(run, 'x')).toBe(socialPostIdFor(run, 'x'));
    expect(socialPostIdFor(run, 'x')).not.toBe(socialPostIdFor(run, 'linkedin'));
  });

  it("should put each organization's hourly sync at a minute of its own", () => {
    expect(hourlyCronFor('7f0c2d9e-0b7a-4c51-9d3e-2b8f6a1c4e10')).toMatch(/^([0-9]|[1-5][0-9]) \* \* \* \*$/);
    expect(hourlyCronFor('a')).toBe(hourlyCronFor('a'));
  });
});
