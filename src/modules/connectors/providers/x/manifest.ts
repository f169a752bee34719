import { ConnectorKind } from '../../../../generated/prisma/enums';
import type { ConnectorManifest } from '../../connector.types';
import { GetPostMetricsInput, ListRecentPostsInput, PublishPostInput } from './dto';

const metrics = { impressions: 1_840, likes: 52, reposts: 9, replies: 4, quotes: 1, bookmarks: 6 };

/** X API v2 with OAuth 2.0 user context (authorization code with PKCE). */
export const xManifest: ConnectorManifest = {
  key: 'x',
  displayName: 'X',
  kind: ConnectorKind.X,
  authType: 'oauth2',
  // offline.access: without it X issues no refresh token and the connection dies after two hours.
  scopes: ['tweet.read', 'tweet.write', 'users.read', 'offline.access'],
  // X limits per user in 15-minute windows (POST /2/tweets: 100 on paid tiers); its own 429 and x-rate-limit-reset are honoured beyond this.
  rateLimit: { requests: 100, perSeconds: 900 },
  realAvailable: true,
  // POST /2/tweets takes no idempotency key: a post that may have been published is never sent again.
  idempotentWrites: false,
  defaultBaseUrl: 'https://api.x.com',
  oauth: { authorizeUrl: 'https://twitter.com/i/oauth2/authorize', tokenUrl: 'https://api.x.com/2/oauth2/token', clientAuthentication: 'basic' },
  secretFields: [],
  metadataFields: [],
  actions: [
    {
      name: 'publish_post',
      description: 'Publishes a post (optionally a reply or a quote) on the connected account',
      effect: 'write',
      input: PublishPostInput,
      outputExample: { id: '1879012345678901234', text: 'Our spring collection is live.', url: 'https://x.com/i/web/status/1879012345678901234' },
    },
    {
      name: 'get_post_metrics',
      description: "Reads a post's public metrics: impressions, likes, reposts, replies, quotes, bookmarks",
      effect: 'read',
      input: GetPostMetricsInput,
      outputExample: { id: '1879012345678901234', createdAt: '2025-01-14T09:30:00.000Z', metrics },
    },
    {
      name: 'list_recent_posts',
      description: "Lists the connected account's most recent posts with their metrics, newest first",
      effect: 'read',
      input: ListRecentPostsInput,
      outputExample: { posts: [{ id: '1879012345678901234', text: 'Our spring collection is live.', createdAt: '2025-01-14T09:30:00.000Z', metrics }], resultCount: 1 },
    },
  ],
};
