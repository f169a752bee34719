import { createHash } from 'node:crypto';
import type { MockActionContext, MockBehaviour } from '../../connector-definition';
import type { GetVideoMetricsInput, ListRecentVideosInput } from './dto';

/** An instant `hoursBack` before the call's clock (context.now). */
const at = (now: number, hoursBack = 0) => new Date(now - hoursBack * 3_600_000).toISOString();
/** TikTok video ids are 19 digits starting with 7. */
const videoId = (context: MockActionContext, index: number) =>
  `74581${String(parseInt(createHash('sha256').update(`${context.deterministicId('')}:${index}`).digest('hex').slice(0, 12), 16)).padStart(14, '0').slice(0, 14)}`;

const TITLES = ['Linen, lighter, made to last #springstyle', 'POV: packing for Lisbon #travel', 'How our shirts are cut #behindthescenes'];

export const tiktokMock: MockBehaviour = {
  publish_video: (_raw, context) => ({ publishId: `v_pub_url~v2-1.${videoId(context, 0)}`, status: 'PROCESSING_DOWNLOAD' }),

  get_video_metrics: (raw, context) => {
    const { videoIds } = raw as unknown as GetVideoMetricsInput;
    const videos = videoIds.map((id) => {
      const seed = Number(id.slice(-6)) + context.sequence;
      const views = 5_000 + ((seed * 7_919) % 90_000);
      return { id, views, likes: Math.round(views * 0.081), comments: Math.round(views * 0.0025), shares: Math.round(views * 0.0018) };
    });
    return { videos };
  },

  list_recent_videos: (raw, context) => {
    const input = raw as unknown as ListRecentVideosInput;
    const count = Math.min(input.maxCount ?? 10, TITLES.length);
    const videos = Array.from({ length: count }, (_, i) => {
      const id = videoId(context, i);
      return { id, title: TITLES[(context.sequence + i) % TITLES.length], createdAt: at(context.now, i * 48), shareUrl: `https://www.tiktok.com/@neonhub/video/${id}`, durationSeconds: 15 + ((context.sequence + i * 11) % 45) };
    });
    return { videos, hasMore: false };
  },
};
