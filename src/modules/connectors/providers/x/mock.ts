import { createHash } from 'node:crypto';
import type { MockActionContext, MockBehaviour } from '../../connector-definition';
import type { GetPostMetricsInput, ListRecentPostsInput, PublishPostInput } from './dto';

/** An instant `minutesBack` before the call's clock (context.now). */
const at = (now: number, minutesBack = 0) => new Date(now - minutesBack * 60_000).toISOString();

/** A 19-digit snowflake-looking id, stable for the same call. */
const postId = (context: MockActionContext, index = 0) =>
  `18790${String(parseInt(createHash('sha256').update(`${context.deterministicId('')}:${index}`).digest('hex').slice(0, 13), 16)).padStart(14, '0').slice(0, 14)}`;

const metricsFor = (seed: number) => ({
  impressions: 900 + ((seed * 397) % 4_000),
  likes: 12 + ((seed * 31) % 180),
  reposts: (seed * 7) % 25,
  replies: (seed * 5) % 14,
  quotes: seed % 4,
  bookmarks: (seed * 3) % 19,
});

const TEXTS = [
  'Our spring collection is live: linen, lighter, made to last.',
  'Three ways to style the linen shirt this week. Thread below.',
  'Free shipping on every order until Sunday.',
  'Behind the seams: how we source our linen.',
  'Thank you for 10k followers! A code for you: THANKYOU10',
];

export const xMock: MockBehaviour = {
  publish_post: (raw, context) => {
    const input = raw as unknown as PublishPostInput;
    const id = postId(context);
    return { id, text: input.text, url: `https://x.com/i/web/status/${id}` };
  },

  get_post_metrics: (raw, context) => {
    const { postId: id } = raw as unknown as GetPostMetricsInput;
    const seed = Number(id.slice(-6)) + context.sequence;
    return { id, createdAt: at(context.now, 24 * 60), metrics: metricsFor(seed) };
  },

  list_recent_posts: (raw, context) => {
    const input = raw as unknown as ListRecentPostsInput;
    const count = Math.min(input.maxResults ?? 10, TEXTS.length);
    const posts = Array.from({ length: count }, (_, i) => ({
      id: postId(context, i),
      text: TEXTS[(context.sequence + i) % TEXTS.length],
      createdAt: at(context.now, i * 180),
      metrics: metricsFor(context.sequence * 10 + i),
    }));
    return { posts, resultCount: posts.length };
  },
};
