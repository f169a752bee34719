import { ConnectorKind } from '../../../../generated/prisma/enums';
import type { ConnectorManifest } from '../../connector.types';
import { GetMediaInsightsInput, ListRecentMediaInput, PublishImageInput } from './dto';

/** The Instagram Graph API for professional accounts (Facebook Login); mock only so far. */
export const instagramManifest: ConnectorManifest = {
  key: 'instagram',
  displayName: 'Instagram',
  kind: ConnectorKind.INSTAGRAM,
  authType: 'oauth2',
  scopes: ['instagram_basic', 'instagram_content_publish', 'instagram_manage_insights', 'pages_show_list', 'business_management'],
  // Graph API calls per user per hour; publishing is also capped per 24 hours (content_publishing_limit).
  rateLimit: { requests: 200, perSeconds: 3_600 },
  realAvailable: false,
  idempotentWrites: false,
  defaultBaseUrl: 'https://graph.facebook.com/v21.0',
  oauth: { authorizeUrl: 'https://www.facebook.com/v21.0/dialog/oauth', tokenUrl: 'https://graph.facebook.com/v21.0/oauth/access_token' },
  secretFields: [],
  metadataFields: [],
  actions: [
    {
      name: 'publish_image',
      description: 'Publishes an image post with a caption (media container, then media_publish)',
      effect: 'write',
      input: PublishImageInput,
      outputExample: { id: '17895695668004550', containerId: '17889615691921648', permalink: 'https://www.instagram.com/p/DEx7Lm2tQa1/' },
    },
    {
      name: 'get_media_insights',
      description: "Reads a post's insights: views, reach, likes, comments, saves, shares",
      effect: 'read',
      input: GetMediaInsightsInput,
      outputExample: { mediaId: '17895695668004550', views: 5_320, reach: 3_910, likes: 241, comments: 18, saved: 33, shares: 12, totalInteractions: 304 },
    },
    {
      name: 'list_recent_media',
      description: "Lists the account's most recent posts, newest first",
      effect: 'read',
      input: ListRecentMediaInput,
      outputExample: {
        media: [
          {
            id: '17895695668004550',
            caption: 'Linen, lighter, made to last. #springstyle',
            mediaType: 'IMAGE',
            permalink: 'https://www.instagram.com/p/DEx7Lm2tQa1/',
            timestamp: '2025-01-14T09:30:00+0000',
            likeCount: 241,
            commentsCount: 18,
          },
        ],
      },
    },
  ],
};
