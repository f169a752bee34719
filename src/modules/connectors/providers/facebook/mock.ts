import { createHash } from 'node:crypto';
import type { MockActionContext, MockBehaviour } from '../../connector-definition';
import { PAGE_METRICS, type GetPageInsightsInput, type ListRecentPostsInput, type PublishPostInput } from './dto';

/** The Graph API formats times as ISO 8601 with a +0000 offset. */
const graphTime = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+0000');
/** Page post ids are <page id>_<18-digit post id>. */
const postId = (context: MockActionContext, pageId: string, index = 0) =>
  `${pageId}_1221${String(parseInt(createHash('sha256').update(`${context.deterministicId('')}:${index}`).digest('hex').slice(0, 12), 16)).padStart(14, '0').slice(0, 14)}`;
const permalink = (id: string) => `https://www.facebook.com/${id.replace('_', '/posts/')}`;

const MESSAGES = ['Our spring collection is live.', 'Meet the team behind our linen.', 'Free shipping until Sunday, everywhere.'];
const PERIOD_DAYS = { day: 1, week: 7, days_28: 28 };

export const facebookMock: MockBehaviour = {
  publish_post: (raw, context) => {
    const id = postId(context, (raw as unknown as PublishPostInput).pageId);
    return { id, permalinkUrl: permalink(id) };
  },

  get_page_insights: (raw, context) => {
    const input = raw as unknown as GetPageInsightsInput;
    const period = input.period ?? 'day';
    const days = PERIOD_DAYS[period];
    // Insights are reported for the last complete period, ending at midnight Pacific time (08:00 UTC).
    const endTime = graphTime(Math.floor(context.now / 86_400_000) * 86_400_000);
    const base: Record<(typeof PAGE_METRICS)[number], number> = {
      page_impressions_unique: 2_400 + ((context.sequence * 137) % 900),
      page_post_engagements: 180 + ((context.sequence * 29) % 120),
      page_follows: 12_480 + context.sequence,
      page_views_total: 310 + ((context.sequence * 17) % 90),
      page_daily_follows_unique: 14 + (context.sequence % 9),
    };
    const metrics = (input.metrics ?? PAGE_METRICS).map((name) => ({ name, value: name === 'page_follows' ? base[name] : base[name] * days, endTime }));
    return { pageId: input.pageId, period, metrics };
  },

  list_recent_posts: (raw, context) => {
    const input = raw as unknown as ListRecentPostsInput;
    const posts = Array.from({ length: Math.min(input.limit ?? 10, MESSAGES.length) }, (_, i) => {
      const id = postId(context, input.pageId, i);
      return { id, message: MESSAGES[(context.sequence + i) % MESSAGES.length], createdTime: graphTime(context.now - i * 86_400_000), permalinkUrl: permalink(id) };
    });
    return { posts };
  },
};
