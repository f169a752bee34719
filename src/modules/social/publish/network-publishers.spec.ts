import { validatePlain } from '../../../common/validation/validate-plain';
import { CONNECTOR_DEFINITIONS } from '../../connectors/providers';
import type { SocialNetwork } from '../network-rules';
import { type ConnectorCall, type OutgoingPost, PUBLISHERS } from './network-publishers';

const account = { linkedinAuthor: 'urn:li:organization:2414183', facebookPageId: '104589372918273', tiktokPrivacyLevel: 'SELF_ONLY' as const, youtubeVideoId: 'dQw4w9WgXcQ' };
const post = (network: SocialNetwork, overrides: Partial<OutgoingPost> = {}): OutgoingPost => ({ network, text: 'Linen, made to last.', title: null, mediaUrl: null, account, ...overrides });
const actionOf = (call: ConnectorCall) => CONNECTOR_DEFINITIONS.find((d) => d.manifest.key === call.tool)!.manifest.actions.find((a) => a.name === call.action)!;

describe('PUBLISHERS', () => {
  it.each<[SocialNetwork, Partial<OutgoingPost>]>([
    ['x', {}],
    ['linkedin', {}],
    ['facebook', {}],
    ['instagram', { mediaUrl: 'https://cdn.example.com/a.jpg' }],
    ['tiktok', { mediaUrl: 'https://cdn.example.com/a.mp4' }],
    ['youtube', { title: 'How we make linen' }],
  ])("should call %s's write action with an input its connector accepts", async (network, overrides) => {
    const call = PUBLISHERS[network].call(post(network, overrides));
    if ('missing' in call) throw new Error(call.missing);

    const action = actionOf(call);

    expect(action.effect).toBe('write');
    await expect(validatePlain(action.input, call.input, 'input', `${call.tool}.${call.action}`)).resolves.toBeDefined();
  });

  it("should read each network's id and URL from its connector's answer", () => {
    const refs = Object.fromEntries(
      (Object.keys(PUBLISHERS) as SocialNetwork[]).map((network) => {
        const call = PUBLISHERS[network].call(post(network, { mediaUrl: 'https://cdn.example.com/a.jpg', title: 't' })) as ConnectorCall;
        return [network, PUBLISHERS[network].ref(actionOf(call).outputExample as Record<string, unknown>)];
      }),
    );

    expect(refs).toEqual({
      x: { externalId: '1879012345678901234', externalUrl: 'https://x.com/i/web/status/1879012345678901234' },
      linkedin: { externalId: 'urn:li:share:7281234567890123456', externalUrl: 'https://www.linkedin.com/feed/update/urn:li:share:7281234567890123456/' },
      facebook: { externalId: '104589372918273_122118945612345678', externalUrl: 'https://www.facebook.com/104589372918273/posts/122118945612345678' },
      instagram: { externalId: '17895695668004550', externalUrl: 'https://www.instagram.com/p/DEx7Lm2tQa1/' },
      tiktok: { externalId: 'v_pub_url~v2-1.7458123456789012345', externalUrl: null },
      youtube: { externalId: 'dQw4w9WgXcQ', externalUrl: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ' },
    });
  });

  it('should say what is missing instead of calling without it', () => {
    const none = { ...post('x'), account: {} };

    expect(PUBLISHERS.linkedin.call(none)).toEqual({ missing: 'no LinkedIn author (settings.linkedinAuthor) to post as' });
    expect(PUBLISHERS.facebook.call(none)).toEqual({ missing: 'no Facebook Page (settings.facebookPageId) to post on' });
    expect(PUBLISHERS.instagram.call(none)).toEqual({ missing: 'no image (mediaUrl) to publish' });
    expect(PUBLISHERS.tiktok.call(none)).toEqual({ missing: 'no video (mediaUrl) to publish' });
    expect(PUBLISHERS.youtube.call(none)).toEqual({ missing: 'no YouTube video (youtubeVideoId) to update' });
  });
});
