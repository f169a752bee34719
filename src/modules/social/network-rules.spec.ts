import { checkPost, NETWORK_RULES, type PostDraft, SOCIAL_NETWORKS, type SocialNetwork } from './network-rules';

const JPEG = 'https://cdn.example.com/spring/hero.jpg';
const MP4 = 'https://cdn.example.com/spring/teaser.mp4';
const rulesOf = (network: SocialNetwork, draft: PostDraft) => checkPost(network, draft).map(({ field, rule }) => `${field}:${rule}`);

describe(checkPost.name, () => {
  it.each<[SocialNetwork, PostDraft]>([
    ['x', { text: 'Spring sale: 20% off everything this week https://shop.example.com/spring' }],
    ['linkedin', { text: 'We are hiring engineers in Lisbon.' }],
    ['facebook', { text: 'Doors open at 9.', mediaUrl: JPEG }],
    ['instagram', { text: 'Fresh drop #spring #sale', mediaUrl: JPEG }],
    ['tiktok', { text: 'Behind the scenes', mediaUrl: MP4 }],
    ['youtube', { text: 'How we built it.', title: 'Building the spring line', mediaUrl: MP4 }],
  ])('should find nothing wrong with a good %s post', (network, draft) => {
    expect(checkPost(network, draft)).toEqual([]);
  });

  it('should have rules for every network', () => {
    expect(Object.keys(NETWORK_RULES).sort()).toEqual([...SOCIAL_NETWORKS].sort());
  });

  describe('on X', () => {
    it('should accept 280 weighted characters and refuse 281', () => {
      expect(checkPost('x', { text: 'a'.repeat(280) })).toEqual([]);
      expect(checkPost('x', { text: 'a'.repeat(281) })).toEqual([
        { field: 'text', rule: 'too_long', message: 'X allows 280 weighted characters in the text; it has 281', limit: 280, actual: 281 },
      ]);
    });

    it('should count any URL as 23, however long', () => {
      const url = `https://example.com/${'p'.repeat(200)}`;

      expect(checkPost('x', { text: `${'a'.repeat(256)} ${url}` })).toEqual([]); // 256 + 1 + 23 = 280
      expect(checkPost('x', { text: `${'a'.repeat(257)} ${url}` })).toMatchObject([{ rule: 'too_long', actual: 281 }]);
    });

    it('should count CJK characters as 2 (140 fit, 141 do not)', () => {
      expect(checkPost('x', { text: '春'.repeat(140) })).toEqual([]);
      expect(checkPost('x', { text: '春'.repeat(141) })).toMatchObject([{ rule: 'too_long', actual: 282 }]);
    });

    it('should count an emoji as 2, a joined family emoji included', () => {
      expect(checkPost('x', { text: '🎉'.repeat(140) })).toEqual([]);
      expect(checkPost('x', { text: `${'🎉'.repeat(139)}👨‍👩‍👧` })).toEqual([]);
      expect(checkPost('x', { text: '🎉'.repeat(141) })).toMatchObject([{ rule: 'too_long', actual: 282 }]);
    });

    it('should refuse text with a code point X rejects', () => {
      expect(rulesOf('x', { text: 'hello\uFFFEworld' })).toEqual(['text:invalid_characters']);
    });

    it('should need text or media', () => {
      expect(rulesOf('x', { text: '  ' })).toEqual(['text:required']);
      expect(checkPost('x', { text: '', mediaUrl: JPEG })).toEqual([]);
    });

    it.each(['not a url', 'ftp://files.example.com/a.jpg', '/relative/a.jpg'])('should refuse the media URL %p', (mediaUrl) => {
      expect(rulesOf('x', { text: 'hi', mediaUrl })).toEqual(['mediaUrl:invalid_url']);
    });
  });

  describe('on LinkedIn', () => {
    it('should accept 3,000 characters and refuse 3,001', () => {
      expect(checkPost('linkedin', { text: 'a'.repeat(3_000) })).toEqual([]);
      expect(checkPost('linkedin', { text: 'a'.repeat(3_001) })).toMatchObject([{ field: 'text', rule: 'too_long', limit: 3_000, actual: 3_001 }]);
    });

    it('should count an emoji as 2 characters, the cautious reading', () => {
      expect(checkPost('linkedin', { text: '🎉'.repeat(1_501) })).toMatchObject([{ rule: 'too_long', actual: 3_002 }]);
    });

    it('should need text or media', () => {
      expect(rulesOf('linkedin', { text: '' })).toEqual(['text:required']);
    });
  });

  describe('on Facebook', () => {
    it('should accept 63,206 characters and refuse 63,207', () => {
      expect(checkPost('facebook', { text: 'a'.repeat(63_206) })).toEqual([]);
      expect(checkPost('facebook', { text: 'a'.repeat(63_207) })).toMatchObject([{ rule: 'too_long', limit: 63_206, actual: 63_207 }]);
    });
  });

  describe('on Instagram', () => {
    it('should accept a 2,200-character caption and refuse 2,201', () => {
      expect(checkPost('instagram', { text: 'a'.repeat(2_200), mediaUrl: JPEG })).toEqual([]);
      expect(checkPost('instagram', { text: 'a'.repeat(2_201), mediaUrl: JPEG })).toMatchObject([{ rule: 'too_long', limit: 2_200, actual: 2_201 }]);
    });

    it('should need an image and nothing else without one', () => {
      expect(checkPost('instagram', { text: 'Fresh drop' })).toEqual([{ field: 'mediaUrl', rule: 'required', message: 'Instagram needs an image URL' }]);
    });

    it('should accept an empty caption under an image', () => {
      expect(checkPost('instagram', { text: '', mediaUrl: JPEG })).toEqual([]);
    });

    it.each(['https://cdn.example.com/a.mp4', 'https://cdn.example.com/a.png', 'https://cdn.example.com/a.PNG?v=2'])(
      'should refuse %p, not a JPEG image',
      (mediaUrl) => {
        expect(rulesOf('instagram', { text: 'hi', mediaUrl })).toEqual(['mediaUrl:unsupported_media']);
      },
    );

    it.each(['https://cdn.example.com/media/8f3a9c', 'https://cdn.example.com/a.JPEG?w=1080', 'https://cdn.example.com/render.php?id=1'])(
      'should leave %p to Instagram, its extension naming no other media',
      (mediaUrl) => {
        expect(checkPost('instagram', { text: 'hi', mediaUrl })).toEqual([]);
      },
    );

    it('should accept 5 hashtags and refuse 6', () => {
      const tags = (count: number) => Array.from({ length: count }, (_, i) => `#tag${i}`).join(' ');

      expect(checkPost('instagram', { text: `New in ${tags(5)}`, mediaUrl: JPEG })).toEqual([]);
      expect(checkPost('instagram', { text: `New in ${tags(6)}`, mediaUrl: JPEG })).toEqual([
        { field: 'text', rule: 'too_many_hashtags', message: 'Instagram allows 5 hashtags; the text has 6', limit: 5, actual: 6 },
      ]);
    });
  });

  describe('on TikTok', () => {
    it('should accept a 2,200-character caption and refuse 2,201', () => {
      expect(checkPost('tiktok', { text: 'a'.repeat(2_200), mediaUrl: MP4 })).toEqual([]);
      expect(checkPost('tiktok', { text: 'a'.repeat(2_201), mediaUrl: MP4 })).toMatchObject([{ rule: 'too_long', limit: 2_200, actual: 2_201 }]);
    });

    it('should need a video', () => {
      expect(checkPost('tiktok', { text: 'Behind the scenes' })).toEqual([{ field: 'mediaUrl', rule: 'required', message: 'TikTok needs a video URL' }]);
      expect(rulesOf('tiktok', { text: 'Behind the scenes', mediaUrl: JPEG })).toEqual(['mediaUrl:unsupported_media']);
    });

    it('should accept a .MOV file', () => {
      expect(checkPost('tiktok', { text: '', mediaUrl: 'https://cdn.example.com/clip.MOV' })).toEqual([]);
    });
  });

  describe('on YouTube', () => {
    const video = (draft: Partial<PostDraft>): PostDraft => ({ text: '', title: 'Spring line', mediaUrl: MP4, ...draft });

    it('should need a title', () => {
      expect(rulesOf('youtube', video({ title: undefined }))).toEqual(['title:required']);
      expect(rulesOf('youtube', video({ title: '   ' }))).toEqual(['title:required']);
    });

    it('should accept a 100-character title and refuse 101', () => {
      expect(checkPost('youtube', video({ title: 'a'.repeat(100) }))).toEqual([]);
      expect(checkPost('youtube', video({ title: 'a'.repeat(101) }))).toEqual([
        { field: 'title', rule: 'too_long', message: 'YouTube allows 100 characters in the title; it has 101', limit: 100, actual: 101 },
      ]);
    });

    it.each(['<b>Launch</b>', 'Speed > size'])('should refuse the title %p', (title) => {
      expect(rulesOf('youtube', video({ title }))).toEqual(['title:forbidden_characters']);
    });

    it('should count the description in UTF-8 bytes (5,000)', () => {
      expect(checkPost('youtube', video({ text: 'é'.repeat(2_500) }))).toEqual([]);
      expect(checkPost('youtube', video({ text: 'é'.repeat(2_501) }))).toEqual([
        { field: 'text', rule: 'too_long', message: 'YouTube allows 5000 bytes in the text; it has 5002', limit: 5_000, actual: 5_002 },
      ]);
    });

    it('should refuse < or > in the description too', () => {
      expect(checkPost('youtube', video({ text: 'Chapters: <intro>' }))).toEqual([
        { field: 'text', rule: 'forbidden_characters', message: 'YouTube refuses < and > in the text' },
      ]);
    });

    it('should need a video', () => {
      expect(rulesOf('youtube', video({ mediaUrl: undefined }))).toEqual(['mediaUrl:required']);
      expect(rulesOf('youtube', video({ mediaUrl: JPEG }))).toEqual(['mediaUrl:unsupported_media']);
    });

    it('should report every violation at once', () => {
      expect(rulesOf('youtube', { text: '<x>', title: 'a'.repeat(101) })).toEqual(['text:forbidden_characters', 'title:too_long', 'mediaUrl:required']);
    });
  });
});
