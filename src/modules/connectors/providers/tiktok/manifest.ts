import { ConnectorKind } from '../../../../generated/prisma/enums';
import type { ConnectorManifest } from '../../connector.types';
import { GetVideoMetricsInput, ListRecentVideosInput, PublishVideoInput } from './dto';

const video = {
  id: '7458123456789012345',
  title: 'Linen, lighter, made to last #springstyle',
  createdAt: '2025-01-14T09:30:00.000Z',
  shareUrl: 'https://www.tiktok.com/@neonhub/video/7458123456789012345',
  durationSeconds: 31,
};

/** TikTok's Content Posting and Display APIs (open.tiktokapis.com/v2); mock only so far. */
export const tiktokManifest: ConnectorManifest = {
  key: 'tiktok',
  displayName: 'TikTok',
  kind: ConnectorKind.TIKTOK,
  authType: 'oauth2',
  scopes: ['user.info.basic', 'video.publish', 'video.list'],
  // 600 requests per minute per endpoint for most of the API; video publish init allows 6 per minute per user, answered by TikTok's own 429.
  rateLimit: { requests: 600, perSeconds: 60 },
  realAvailable: false,
  idempotentWrites: false,
  defaultBaseUrl: 'https://open.tiktokapis.com/v2',
  oauth: { authorizeUrl: 'https://www.tiktok.com/v2/auth/authorize/', tokenUrl: 'https://open.tiktokapis.com/v2/oauth/token/', scopeSeparator: ',', clientIdParam: 'client_key' },
  secretFields: [],
  metadataFields: [],
  actions: [
    {
      name: 'publish_video',
      description: 'Publishes a video pulled from a URL (direct post); TikTok processes it asynchronously',
      effect: 'write',
      input: PublishVideoInput,
      outputExample: { publishId: 'v_pub_url~v2-1.7458123456789012345', status: 'PROCESSING_DOWNLOAD' },
    },
    {
      name: 'get_video_metrics',
      description: 'Reads videos’ views, likes, comments and shares',
      effect: 'read',
      input: GetVideoMetricsInput,
      outputExample: { videos: [{ id: video.id, views: 48_210, likes: 3_904, comments: 121, shares: 86 }] },
    },
    {
      name: 'list_recent_videos',
      description: "Lists the creator's most recent videos, newest first",
      effect: 'read',
      input: ListRecentVideosInput,
      outputExample: { videos: [video], hasMore: false },
    },
  ],
};
