import { isUUID } from 'class-validator';
import { applyEdits, type Draft, draftsFrom } from './drafts';
import type { SocialInput } from './social.input';

const RUN = '7f0c2d9e-0b7a-4c51-9d3e-2b8f6a1c4e10';
const JPEG = 'https://cdn.example.com/spring/linen.jpg';
const input = (overrides: Partial<SocialInput> = {}): SocialInput => ({ brief: 'Spring linen is here', networks: ['x', 'linkedin', 'instagram'], mediaUrl: JPEG, ...overrides });
const byNetwork = (drafts: Draft[]) => Object.fromEntries(drafts.map((d) => [d.network, d]));

describe(draftsFrom.name, () => {
  it('should draft each asked-for network only, with ids derived from the run and the network', () => {
    const drafts = draftsFrom(input(), { x: 'Linen.', linkedin: 'Linen, made to last.', instagram: 'Linen #spring', facebook: 'not asked for' }, RUN, {});

    expect(drafts.map((d) => [d.network, d.text, d.problems])).toEqual([
      ['x', 'Linen.', []],
      ['linkedin', 'Linen, made to last.', []],
      ['instagram', 'Linen #spring', []],
    ]);
    expect(drafts.every((d) => isUUID(d.socialPostId))).toBe(true);
    expect(new Set(drafts.map((d) => d.socialPostId)).size).toBe(3);
    expect(draftsFrom(input(), {}, RUN, {}).map((d) => d.socialPostId)).toEqual(drafts.map((d) => d.socialPostId));
  });

  it("should cut a post over X's weighted length at a word with an ellipsis, so it passes", () => {
    const long = `${'linen '.repeat(60)}https://shop.example.com/spring`;

    const { x } = byNetwork(draftsFrom(input({ networks: ['x'] }), { x: long }, RUN, {}));

    expect(x.text.endsWith('…')).toBe(true);
    expect(x.text.length).toBeLessThanOrEqual(280);
    expect(x.problems).toEqual([]);
  });

  it("should attach the media only where the connector publishes it, and the YouTube video's page to a YouTube post", () => {
    const drafts = byNetwork(draftsFrom(input({ networks: ['x', 'instagram', 'youtube'], youtubeVideoId: 'dQw4w9WgXcQ' }), { x: 'a', instagram: 'b', youtube: 'c', youtubeTitle: 'Title' }, RUN, {}));

    expect(drafts.x.mediaUrl).toBeUndefined();
    expect(drafts.instagram.mediaUrl).toBe(JPEG);
    expect(drafts.youtube).toMatchObject({ mediaUrl: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ', title: 'Title', problems: [] });
  });

  it('should report what fitting cannot fix: too many Instagram hashtags, an empty X post, a missing YouTube title', () => {
    const drafts = byNetwork(draftsFrom(input({ networks: ['x', 'instagram', 'youtube'], youtubeVideoId: 'dQw4w9WgXcQ' }), { x: ' ', instagram: '#a #b #c #d #e #f', youtube: 'c' }, RUN, {}));

    expect(drafts.x.problems).toEqual(['X needs text or media to post']);
    expect(drafts.instagram.problems).toEqual(['Instagram allows 5 hashtags; the text has 6']);
    expect(drafts.youtube.problems).toEqual(['YouTube needs a title']);
  });

  it('should carry a missing account as the only problem', () => {
    const { linkedin } = byNetwork(draftsFrom(input({ networks: ['linkedin'] }), { linkedin: 'fine' }, RUN, { linkedin: 'no author' }));

    expect(linkedin).toMatchObject({ accountMissing: 'no author', problems: ['no author'] });
  });
});

describe(applyEdits.name, () => {
  const drafts = () => draftsFrom(input(), { x: 'Linen.', linkedin: 'Linen, made to last.', instagram: 'Linen #spring' }, RUN, {});

  it("should take the reviewer's text for the networks edited and keep the others", () => {
    const edited = byNetwork(applyEdits(drafts(), { posts: { x: 'Edited for X.' } }));

    expect(edited.x).toMatchObject({ text: 'Edited for X.', edited: true, problems: [] });
    expect(edited.linkedin).toEqual(byNetwork(drafts()).linkedin);
  });

  it('should check an edit without cutting it: an X post over 280 fails with the reason, the others stay publishable', () => {
    const edited = byNetwork(applyEdits(drafts(), { posts: { x: 'a'.repeat(300), linkedin: 'Still fine.' } }));

    expect(edited.x).toMatchObject({ text: 'a'.repeat(300), problems: ['X allows 280 weighted characters in the text; it has 300'] });
    expect(edited.linkedin.problems).toEqual([]);
    expect(edited.instagram.problems).toEqual([]);
  });

  it('should fix a draft whose problem the edit removes, and refuse an edit that is not text', () => {
    const bad = draftsFrom(input({ networks: ['instagram', 'x'] }), { instagram: '#a #b #c #d #e #f', x: 'ok' }, RUN, {});

    const edited = byNetwork(applyEdits(bad, { posts: { instagram: 'Linen #spring', x: 42 } }));

    expect(edited.instagram.problems).toEqual([]);
    expect(edited.x.problems).toEqual(["the reviewer's edit for X is not text"]);
  });

  it('should keep a missing account a problem whatever the edit, and ignore edits that are not objects', () => {
    const blocked = draftsFrom(input({ networks: ['linkedin'] }), { linkedin: 'fine' }, RUN, { linkedin: 'no author' });

    expect(applyEdits(blocked, { posts: { linkedin: 'edited' } })[0].problems).toEqual(['no author']);
    expect(applyEdits(drafts(), { posts: 'x' })).toEqual(drafts());
    expect(applyEdits(drafts(), undefined)).toEqual(drafts());
  });
});
