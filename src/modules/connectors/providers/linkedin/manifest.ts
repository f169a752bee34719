import { ConnectorKind } from '../../../../generated/prisma/enums';
import type { ConnectorManifest } from '../../connector.types';
import { GetPostAnalyticsInput, ListRecentPostsInput, PublishPostInput } from './dto';

/** LinkedIn's versioned REST API (Posts, organizationalEntityShareStatistics); mock only so far. */
export const linkedinManifest: ConnectorManifest = {
  key: 'linkedin',
  displayName: 'LinkedIn',
  kind: ConnectorKind.LINKEDIN,
  authType: 'oauth2',
  // Organization scopes need LinkedIn's Community Management API product on the app.
  scopes: ['openid', 'profile', 'w_member_social', 'r_organization_social', 'w_organization_social'],
  // LinkedIn sets daily per-member and per-app limits per endpoint (shown in the developer portal, not published); 500 a day per organization stays inside them.
  rateLimit: { requests: 500, perSeconds: 86_400 },
  realAvailable: false,
  idempotentWrites: false,
  defaultBaseUrl: 'https://api.linkedin.com/rest',
  oauth: { authorizeUrl: 'https://www.linkedin.com/oauth/v2/authorization', tokenUrl: 'https://www.linkedin.com/oauth/v2/accessToken' },
  secretFields: [],
  metadataFields: [],
  actions: [
    {
      name: 'publish_post',
      description: 'Publishes a post as a member or an organization page, optionally with an article card',
      effect: 'write',
      input: PublishPostInput,
      outputExample: {
        id: 'urn:li:share:7281234567890123456',
        author: 'urn:li:organization:2414183',
        visibility: 'PUBLIC',
        lifecycleState: 'PUBLISHED',
        url: 'https://www.linkedin.com/feed/update/urn:li:share:7281234567890123456/',
      },
    },
    {
      name: 'get_post_analytics',
      description: "Reads a page post's statistics: impressions, clicks, reactions, comments, shares, engagement",
      effect: 'read',
      input: GetPostAnalyticsInput,
      outputExample: { postUrn: 'urn:li:share:7281234567890123456', impressions: 4_210, uniqueImpressions: 3_120, clicks: 187, likes: 96, comments: 12, shares: 7, engagement: 0.0717 },
    },
    {
      name: 'list_recent_posts',
      description: "Lists an author's most recent posts, newest first",
      effect: 'read',
      input: ListRecentPostsInput,
      outputExample: {
        posts: [{ id: 'urn:li:share:7281234567890123456', commentary: 'Our spring collection is live.', visibility: 'PUBLIC', lifecycleState: 'PUBLISHED', publishedAt: '2025-01-14T09:30:00.000Z' }],
      },
    },
  ],
};
