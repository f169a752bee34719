import { validatePlain } from '../../../common/validation/validate-plain';
import { CONNECTOR_DEFINITIONS } from '../../connectors/providers';
import type { SocialNetwork } from '../network-rules';
import type { ConnectorCall } from '../publish/network-publishers';
import { countChanges, METRICS_READERS, UNREADABLE } from './network-metrics';

const IDS: Partial<Record<SocialNetwork, string>> = { x: '1879012345678901234', linkedin: 'urn:li:share:7281234567890123456', instagram: '17895695668004550', youtube: 'dQw4w9WgXcQ' };
const context = { linkedinOrganization: 'urn:li:organization:2414183' };
const actionOf = (call: ConnectorCall) => CONNECTOR_DEFINITIONS.find((d) => d.manifest.key === call.tool)!.manifest.actions.find((a) => a.name === call.action)!;

describe('METRICS_READERS', () => {
  it.each(Object.keys(IDS) as SocialNetwork[])("should read %s's metrics with an input its connector accepts, into the common counts", async (network) => {
    const reader = METRICS_READERS[network]!;
    const call = reader.call(IDS[network]!, context) as ConnectorCall;
    const action = actionOf(call);

    await expect(validatePlain(action.input, call.input, 'input', call.action)).resolves.toBeDefined();
    expect(action.effect).toBe('read');
    expect(reader.counts(action.outputExample as Record<string, unknown>)).toEqual(
      {
        x: { impressions: 1_840, likes: 52, comments: 4, shares: 10, engagement: 72 },
        linkedin: { impressions: 4_210, likes: 96, comments: 12, shares: 7, engagement: 302 },
        instagram: { impressions: 5_320, likes: 241, comments: 18, shares: 12, engagement: 304 },
        youtube: { impressions: 18_422, likes: 912, comments: 64, engagement: 976 },
      }[network as 'x'],
    );
  });

  it("should not read a LinkedIn member's post (LinkedIn reports organization pages only), nor Facebook or TikTok posts", () => {
    expect(METRICS_READERS.linkedin!.call(IDS.linkedin!, { linkedinOrganization: 'urn:li:person:abc' })).toEqual({ unavailable: expect.stringContaining('organization page posts only') });
    expect(METRICS_READERS.linkedin!.call(IDS.linkedin!, {})).toHaveProperty('unavailable');
    expect(METRICS_READERS.facebook).toBeUndefined();
    expect(METRICS_READERS.tiktok).toBeUndefined();
    expect(Object.keys(UNREADABLE).sort()).toEqual(['facebook', 'tiktok']);
  });
});

describe(countChanges.name, () => {
  it('should count from zero the first time, then only what moved, negative included', () => {
    const first = { impressions: 100, likes: 5, comments: 0, shares: 1, engagement: 6 };

    expect(countChanges({}, first)).toEqual([
      { kind: 'impressions', value: 100 },
      { kind: 'likes', value: 5 },
      { kind: 'shares', value: 1 },
      { kind: 'engagement', value: 6 },
    ]);
    expect(countChanges(first, { impressions: 150, likes: 4, comments: 0, shares: 1, engagement: 5 })).toEqual([
      { kind: 'impressions', value: 50 },
      { kind: 'likes', value: -1 },
      { kind: 'engagement', value: -1 },
    ]);
  });

  it('should leave out a count the network does not report', () => {
    expect(countChanges({}, { impressions: 1, likes: 0, comments: 0, engagement: 0 }).map((c) => c.kind)).toEqual(['impressions']);
  });
});
