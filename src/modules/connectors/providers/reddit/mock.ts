import { createHash } from 'node:crypto';
import type { MockActionContext, MockBehaviour } from '../../connector-definition';
import type { GetPostMetricsInput, ListRecentPostsInput, SubmitPostInput } from './dto';

/** An instant `hoursBack` before the call's clock (context.now). */
const at = (now: number, hoursBack = 0) => new Date(now - hoursBack * 3_600_000).toISOString();
/** Reddit ids are base36, seven characters for current posts. */
const postId = (context: MockActionContext, index = 0) =>
  `t3_1${parseInt(createHash('sha256').update(`${context.deterministicId('')}:${index}`).digest('hex').slice(0, 9), 16).toString(36).padStart(6, '0').slice(0, 6)}`;
/** Reddit's permalink slug: the title, lower case, non-alphanumerics as _, cut at 50. */
const slug = (title: string) => title.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '').slice(0, 50);
const permalink = (subreddit: string, id: string, title: string) => `https://www.reddit.com/r/${subreddit}/comments/${id.slice(3)}/${slug(title)}/`;

const TITLES = ['We tested linen shirts for a summer: what held up', 'Spring capsule wardrobe on a budget', 'How do you care for raw denim?'];
const SUBREDDITS = ['malefashionadvice', 'femalefashionadvice', 'BuyItForLife'];

export const redditMock: MockBehaviour = {
  submit_post: (raw, context) => {
    const input = raw as unknown as SubmitPostInput;
    const id = postId(context);
    return { id, subreddit: input.subreddit, permalink: permalink(input.subreddit, id, input.title) };
  },

  get_post_metrics: (raw, context) => {
    const { postId: id } = raw as unknown as GetPostMetricsInput;
    const seed = parseInt(id.slice(3), 36) % 997 + context.sequence;
    return { id, score: 20 + ((seed * 13) % 900), upvoteRatio: Math.round((0.78 + (seed % 21) / 100) * 100) / 100, numComments: (seed * 7) % 120, createdAt: at(context.now, 30) };
  },

  list_recent_posts: (raw, context) => {
    const input = raw as unknown as ListRecentPostsInput;
    const posts = Array.from({ length: Math.min(input.limit ?? 25, TITLES.length) }, (_, i) => {
      const id = postId(context, i);
      const subreddit = input.subreddit ?? SUBREDDITS[(context.sequence + i) % SUBREDDITS.length];
      const title = TITLES[(context.sequence + i) % TITLES.length];
      return { id, title, subreddit, score: 40 + ((context.sequence * 17 + i * 31) % 500), numComments: (context.sequence + i * 9) % 60, createdAt: at(context.now, i * 20), permalink: permalink(subreddit, id, title) };
    });
    return { posts };
  },
};
