import { createHash } from 'node:crypto';
import type { MockActionContext, MockBehaviour } from '../../connector-definition';
import type { GetPostAnalyticsInput, ListRecentPostsInput, PublishPostInput } from './dto';

/** An instant `hoursBack` before the call's clock (context.now). */
const at = (now: number, hoursBack = 0) => new Date(now - hoursBack * 3_600_000).toISOString();
/** LinkedIn activity ids are 19 digits. */
const shareUrn = (context: MockActionContext, index = 0) =>
  `urn:li:share:7281${String(parseInt(createHash('sha256').update(`${context.deterministicId('')}:${index}`).digest('hex').slice(0, 13), 16)).padStart(15, '0').slice(0, 15)}`;

const COMMENTARY = [
  'Our spring collection is live. Linen, lighter, made to last.',
  'We are hiring: a brand designer to join our studio in Lisbon.',
  'How we cut fabric waste by 38% this year, in five charts.',
  'Thank you to the 400 retailers who carried us in 2024.',
];

export const linkedinMock: MockBehaviour = {
  publish_post: (raw, context) => {
    const input = raw as unknown as PublishPostInput;
    const id = shareUrn(context);
    return { id, author: input.author, visibility: input.visibility ?? 'PUBLIC', lifecycleState: 'PUBLISHED', url: `https://www.linkedin.com/feed/update/${id}/` };
  },

  get_post_analytics: (raw, context) => {
    const { postUrn } = raw as unknown as GetPostAnalyticsInput;
    const seed = Number(postUrn.slice(-5)) + context.sequence;
    const impressions = 1_500 + ((seed * 389) % 6_000);
    const [clicks, likes, comments, shares] = [40 + (seed % 200), 20 + ((seed * 7) % 120), (seed * 3) % 25, seed % 11];
    // LinkedIn's engagement: (clicks + likes + comments + shares) / impressions.
    const engagement = Math.round(((clicks + likes + comments + shares) / impressions) * 10_000) / 10_000;
    return { postUrn, impressions, uniqueImpressions: Math.round(impressions * 0.74), clicks, likes, comments, shares, engagement };
  },

  list_recent_posts: (raw, context) => {
    const input = raw as unknown as ListRecentPostsInput;
    const posts = Array.from({ length: Math.min(input.count ?? 10, COMMENTARY.length) }, (_, i) => ({
      id: shareUrn(context, i),
      commentary: COMMENTARY[(context.sequence + i) % COMMENTARY.length],
      visibility: 'PUBLIC',
      lifecycleState: 'PUBLISHED',
      publishedAt: at(context.now, i * 26),
    }));
    return { posts };
  },
};
