import { createHash } from 'node:crypto';
import type { MockActionContext, MockBehaviour } from '../../connector-definition';
import type { GetVideoMetricsInput, ListRecentVideosInput, UpdateVideoMetadataInput } from './dto';

/** An instant `daysBack` before the call's clock (context.now). */
const at = (now: number, daysBack = 0) => new Date(now - daysBack * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
/** Video ids: 11 characters of base64url. */
const videoId = (context: MockActionContext, index: number) =>
  createHash('sha256').update(`${context.deterministicId('')}:${index}`).digest('base64url').slice(0, 11);

const TITLES = ['How we make our linen shirts', 'Spring lookbook 2025', '5 ways to wear a linen shirt', 'Inside our Lisbon studio'];

export const youtubeMock: MockBehaviour = {
  update_video_metadata: (raw) => {
    const input = raw as unknown as UpdateVideoMetadataInput;
    // videos.update replaces the whole snippet: what was not sent comes back empty or defaulted.
    return {
      id: input.videoId,
      title: input.title,
      description: input.description ?? '',
      tags: input.tags ?? [],
      categoryId: input.categoryId ?? '22',
      privacyStatus: input.privacyStatus ?? 'public',
    };
  },

  get_video_metrics: (raw, context) => {
    const { videoId: id } = raw as unknown as GetVideoMetricsInput;
    const seed = [...id].reduce((sum, c) => sum + c.charCodeAt(0), 0) + context.sequence;
    const views = 2_000 + ((seed * 977) % 40_000);
    return { id, title: TITLES[seed % TITLES.length], publishedAt: at(context.now, 3 + (seed % 20)), views, likes: Math.round(views * 0.048), comments: Math.round(views * 0.0035) };
  },

  list_recent_videos: (raw, context) => {
    const input = raw as unknown as ListRecentVideosInput;
    const videos = Array.from({ length: Math.min(input.maxResults ?? 10, TITLES.length) }, (_, i) => {
      const id = videoId(context, i);
      return { id, title: TITLES[(context.sequence + i) % TITLES.length], publishedAt: at(context.now, i * 7), thumbnailUrl: `https://i.ytimg.com/vi/${id}/hqdefault.jpg` };
    });
    return { videos };
  },
};
