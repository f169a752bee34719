import { createHash } from 'node:crypto';
import type { MockActionContext, MockBehaviour } from '../../connector-definition';
import type { GetMediaInsightsInput, ListRecentMediaInput } from './dto';

/** Instagram formats timestamps as ISO 8601 with a +0000 offset. */
/** An instant `hoursBack` before the call's clock (context.now). */
const at = (now: number, hoursBack = 0) => new Date(now - hoursBack * 3_600_000).toISOString().replace(/\.\d{3}Z$/, '+0000');
const hash = (context: MockActionContext, index: number) => createHash('sha256').update(`${context.deterministicId('')}:${index}`).digest('hex');
/** Media ids are 17 digits starting with 178 or 179. */
const mediaId = (context: MockActionContext, index: number) => `1789${String(parseInt(hash(context, index).slice(0, 12), 16)).padStart(13, '0').slice(0, 13)}`;
const SHORTCODE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const shortcode = (context: MockActionContext, index: number) =>
  Array.from(hash(context, index + 100).slice(0, 11), (c, i) => SHORTCODE[(parseInt(c, 16) * 4 + i) % SHORTCODE.length]).join('');

const CAPTIONS = ['Linen, lighter, made to last. #springstyle', 'Studio Friday: new colourways coming soon', 'Packed for the weekend. #travelstyle #linen'];

export const instagramMock: MockBehaviour = {
  publish_image: (_raw, context) => ({
    id: mediaId(context, 0),
    containerId: mediaId(context, 1),
    permalink: `https://www.instagram.com/p/${shortcode(context, 0)}/`,
  }),

  get_media_insights: (raw, context) => {
    const { mediaId: id } = raw as unknown as GetMediaInsightsInput;
    const seed = Number(id.slice(-5)) + context.sequence;
    const [likes, comments, saved, shares] = [60 + ((seed * 17) % 400), (seed * 3) % 40, (seed * 5) % 60, seed % 25];
    const reach = 1_200 + ((seed * 211) % 5_000);
    return { mediaId: id, views: Math.round(reach * 1.36), reach, likes, comments, saved, shares, totalInteractions: likes + comments + saved + shares };
  },

  list_recent_media: (raw, context) => {
    const input = raw as unknown as ListRecentMediaInput;
    const media = Array.from({ length: Math.min(input.limit ?? 10, CAPTIONS.length) }, (_, i) => ({
      id: mediaId(context, i),
      caption: CAPTIONS[(context.sequence + i) % CAPTIONS.length],
      mediaType: i === 1 ? 'CAROUSEL_ALBUM' : 'IMAGE',
      permalink: `https://www.instagram.com/p/${shortcode(context, i)}/`,
      timestamp: at(context.now, i * 30),
      likeCount: 80 + ((context.sequence * 13 + i * 41) % 300),
      commentsCount: (context.sequence + i * 7) % 30,
    }));
    return { media };
  },
};
