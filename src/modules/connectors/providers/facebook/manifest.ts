import { ConnectorKind } from '../../../../generated/prisma/enums';
import type { ConnectorManifest } from '../../connector.types';
import { GetPageInsightsInput, ListRecentPostsInput, PublishPostInput } from './dto';

/** Facebook Pages through the Graph API with a Page access token; mock only so far. */
export const facebookManifest: ConnectorManifest = {
  key: 'facebook',
  displayName: 'Facebook Pages',
  kind: ConnectorKind.FACEBOOK,
  authType: 'oauth2',
  scopes: ['pages_show_list', 'pages_read_engagement', 'pages_manage_posts', 'read_insights'],
  // Pages use Business Use Case limits (4,800 x engaged users per 24 h); 200 an hour per organization stays far inside for small pages.
  rateLimit: { requests: 200, perSeconds: 3_600 },
  realAvailable: false,
  idempotentWrites: false,
  defaultBaseUrl: 'https://graph.facebook.com/v21.0',
  oauth: { authorizeUrl: 'https://www.facebook.com/v21.0/dialog/oauth', tokenUrl: 'https://graph.facebook.com/v21.0/oauth/access_token' },
  secretFields: [],
  metadataFields: [],
  actions: [
    {
      name: 'publish_post',
      description: 'Publishes a post (text, link or both) on a Page',
      effect: 'write',
      input: PublishPostInput,
      outputExample: { id: '104589372918273_122118945612345678', permalinkUrl: 'https://www.facebook.com/104589372918273/posts/122118945612345678' },
    },
    {
      name: 'get_page_insights',
      description: "Reads a Page's insights for the last period: reach, engagement, follows, views",
      effect: 'read',
      input: GetPageInsightsInput,
      outputExample: { pageId: '104589372918273', period: 'day', metrics: [{ name: 'page_impressions_unique', value: 2_840, endTime: '2025-01-14T08:00:00+0000' }] },
    },
    {
      name: 'list_recent_posts',
      description: "Lists a Page's most recent posts, newest first",
      effect: 'read',
      input: ListRecentPostsInput,
      outputExample: {
        posts: [
          {
            id: '104589372918273_122118945612345678',
            message: 'Our spring collection is live.',
            createdTime: '2025-01-14T09:30:00+0000',
            permalinkUrl: 'https://www.facebook.com/104589372918273/posts/122118945612345678',
          },
        ],
      },
    },
  ],
};
