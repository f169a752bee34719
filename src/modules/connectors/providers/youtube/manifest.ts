import { ConnectorKind } from '../../../../generated/prisma/enums';
import type { ConnectorManifest } from '../../connector.types';
import { GetVideoMetricsInput, ListRecentVideosInput, UpdateVideoMetadataInput } from './dto';
import { GOOGLE_OAUTH } from '../google-oauth';

/** The YouTube Data API v3 for the connected channel; mock only so far. */
export const youtubeManifest: ConnectorManifest = {
  key: 'youtube',
  displayName: 'YouTube',
  kind: ConnectorKind.YOUTUBE,
  authType: 'oauth2',
  // videos.update needs youtube.force-ssl (full channel access); analytics is read-only.
  scopes: ['https://www.googleapis.com/auth/youtube.force-ssl', 'https://www.googleapis.com/auth/yt-analytics.readonly'],
  // The quota is 10,000 units a day per project: a list costs 1 unit, videos.update 50. A thousand calls a day per organization fits a few tenants.
  rateLimit: { requests: 1_000, perSeconds: 86_400 },
  realAvailable: false,
  idempotentWrites: false,
  defaultBaseUrl: 'https://www.googleapis.com/youtube/v3',
  oauth: GOOGLE_OAUTH,
  secretFields: [],
  metadataFields: [],
  actions: [
    {
      name: 'update_video_metadata',
      description: "Updates an uploaded video's title, description, tags, category and privacy",
      effect: 'write',
      input: UpdateVideoMetadataInput,
      outputExample: {
        id: 'dQw4w9WgXcQ',
        title: 'How we make our linen shirts',
        description: 'From flax to finished shirt in six steps.',
        tags: ['linen', 'sustainable fashion'],
        categoryId: '26',
        privacyStatus: 'public',
      },
    },
    {
      name: 'get_video_metrics',
      description: "Reads a video's statistics: views, likes, comments",
      effect: 'read',
      input: GetVideoMetricsInput,
      outputExample: { id: 'dQw4w9WgXcQ', title: 'How we make our linen shirts', publishedAt: '2025-01-14T09:30:00Z', views: 18_422, likes: 912, comments: 64 },
    },
    {
      name: 'list_recent_videos',
      description: "Lists the channel's most recent uploads, newest first",
      effect: 'read',
      input: ListRecentVideosInput,
      outputExample: {
        videos: [{ id: 'dQw4w9WgXcQ', title: 'How we make our linen shirts', publishedAt: '2025-01-14T09:30:00Z', thumbnailUrl: 'https://i.ytimg.com/vi/dQw4w9WgXcQ/hqdefault.jpg' }],
      },
    },
  ],
};
