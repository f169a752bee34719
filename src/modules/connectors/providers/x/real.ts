import type { RealActions, RealProviderFactoryDeps } from '../../connector-definition';
import { ConnectorError } from '../../connector-error';
import type { ConnectorCallContext } from '../../connector.types';
import type { GetPostMetricsInput, ListRecentPostsInput, PublishPostInput } from './dto';
import { refineXError } from './x-errors';

interface XPublicMetrics {
  retweet_count: number;
  reply_count: number;
  like_count: number;
  quote_count: number;
  bookmark_count?: number;
  impression_count?: number;
}

interface XPost {
  id: string;
  text: string;
  created_at: string;
  public_metrics: XPublicMetrics;
}

const POST_FIELDS = 'created_at,public_metrics';

const metrics = (m: XPublicMetrics) => ({
  impressions: m.impression_count ?? 0,
  likes: m.like_count,
  reposts: m.retweet_count,
  replies: m.reply_count,
  quotes: m.quote_count,
  bookmarks: m.bookmark_count ?? 0,
});

/** X API v2 with the connection's OAuth 2.0 user token, through the shared client. */
export function xReal(deps: RealProviderFactoryDeps): RealActions {
  const http = deps.http({ refine: refineXError });

  const headers = (context: ConnectorCallContext) => {
    const token = context.secrets.accessToken;
    if (!token) throw ConnectorError.notConnected('x');
    return { authorization: `Bearer ${token}` };
  };

  const get = async <T>(path: string, query: Record<string, string | number | undefined>, context: ConnectorCallContext): Promise<T> =>
    (await http.request<T>({ method: 'GET', path, query, headers: headers(context), signal: context.signal })).body;

  /** The authorizing account; metadata.userId, when the connection stored it, saves a round trip. */
  const userId = async (context: ConnectorCallContext): Promise<string> =>
    context.metadata.userId ?? (await get<{ data: { id: string } }>('/2/users/me', {}, context)).data.id;

  return {
    async publish_post(raw, context) {
      const input = raw as unknown as PublishPostInput;
      // No idempotency key exists for posts, so the shared client never repeats this request once it may have arrived.
      const { body } = await http.request<{ data: { id: string; text: string } }>({
        method: 'POST',
        path: '/2/tweets',
        headers: headers(context),
        json: {
          text: input.text,
          ...(input.replyToPostId && { reply: { in_reply_to_tweet_id: input.replyToPostId } }),
          ...(input.quotePostId && { quote_tweet_id: input.quotePostId }),
        },
        signal: context.signal,
      });
      return { id: body.data.id, text: body.data.text, url: `https://x.com/i/web/status/${body.data.id}` };
    },

    async get_post_metrics(raw, context) {
      const { postId } = raw as unknown as GetPostMetricsInput;
      const { data } = await get<{ data: XPost }>(`/2/tweets/${postId}`, { 'tweet.fields': POST_FIELDS }, context);
      return { id: data.id, createdAt: data.created_at, metrics: metrics(data.public_metrics) };
    },

    async list_recent_posts(raw, context) {
      const input = raw as unknown as ListRecentPostsInput;
      const exclude = [input.excludeReplies !== false && 'replies', input.excludeReposts !== false && 'retweets'].filter(Boolean).join(',');
      const { data = [], meta } = await get<{ data?: XPost[]; meta: { result_count: number } }>(
        `/2/users/${await userId(context)}/tweets`,
        { max_results: input.maxResults ?? 10, 'tweet.fields': POST_FIELDS, exclude: exclude || undefined },
        context,
      );
      return {
        posts: data.map((p) => ({ id: p.id, text: p.text, createdAt: p.created_at, metrics: metrics(p.public_metrics) })),
        resultCount: meta.result_count,
      };
    },
  };
}
