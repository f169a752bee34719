import { ConnectorKind } from '../../../../generated/prisma/enums';
import type { ConnectorManifest } from '../../connector.types';
import { GetPostMetricsInput, ListRecentPostsInput, SubmitPostInput } from './dto';

const post = {
  id: 't3_1hx2k9q',
  title: 'We tested linen shirts for a summer: what held up',
  subreddit: 'malefashionadvice',
  score: 214,
  numComments: 37,
  createdAt: '2025-01-14T09:30:00.000Z',
  permalink: 'https://www.reddit.com/r/malefashionadvice/comments/1hx2k9q/we_tested_linen_shirts_for_a_summer_what_held_up/',
};

/** Reddit's OAuth API (oauth.reddit.com); mock only so far. */
export const redditManifest: ConnectorManifest = {
  key: 'reddit',
  displayName: 'Reddit',
  kind: ConnectorKind.REDDIT,
  authType: 'oauth2',
  scopes: ['identity', 'submit', 'read', 'history'],
  // Reddit's Data API terms: 100 queries per minute per OAuth client id, averaged over ten minutes.
  rateLimit: { requests: 100, perSeconds: 60 },
  realAvailable: false,
  idempotentWrites: false,
  defaultBaseUrl: 'https://oauth.reddit.com',
  oauth: { authorizeUrl: 'https://www.reddit.com/api/v1/authorize', tokenUrl: 'https://www.reddit.com/api/v1/access_token', clientAuthentication: 'basic', extraAuthorizeParams: { duration: 'permanent' } },
  secretFields: [],
  metadataFields: [],
  actions: [
    {
      name: 'submit_post',
      description: 'Submits a text or link post to a subreddit',
      effect: 'write',
      input: SubmitPostInput,
      outputExample: { id: post.id, subreddit: post.subreddit, permalink: post.permalink },
    },
    {
      name: 'get_post_metrics',
      description: "Reads a post's score, upvote ratio and comment count",
      effect: 'read',
      input: GetPostMetricsInput,
      outputExample: { id: post.id, score: 214, upvoteRatio: 0.94, numComments: 37, createdAt: post.createdAt },
    },
    {
      name: 'list_recent_posts',
      description: "Lists the connected account's most recent submissions, newest first",
      effect: 'read',
      input: ListRecentPostsInput,
      outputExample: { posts: [post] },
    },
  ],
};
