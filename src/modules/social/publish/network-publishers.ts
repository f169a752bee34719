import type { SocialNetwork } from '../network-rules';
import { youtubeWatchUrl } from '../social-networks';
import type { SocialPublishInput } from './social-publish.input';

/** The post as it goes out: the row's current text, title and media, with where to post it. */
export interface OutgoingPost {
  network: SocialNetwork;
  text: string;
  title: string | null;
  mediaUrl: string | null;
  account: Pick<SocialPublishInput, 'linkedinAuthor' | 'facebookPageId' | 'tiktokPrivacyLevel' | 'youtubeVideoId'>;
}

/** One connector call: `<tool>.<action>` and its input, as the provider's DTO takes it. */
export interface ConnectorCall {
  tool: string;
  action: string;
  input: Record<string, unknown>;
}

/** The network's own reference to what was published. */
export interface PublishedRef {
  externalId: string;
  externalUrl: string | null;
}

interface Publisher {
  /** The publication's connector call, or why it cannot be made (a missing account or media). */
  call(post: OutgoingPost): ConnectorCall | { missing: string };
  ref(output: Record<string, unknown>): PublishedRef;
}

const text = (value: unknown): string => String(value);
const optionalText = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** Each network's publishing action (read from its manifest and DTO in connectors/providers/<key>/). */
export const PUBLISHERS: Readonly<Record<SocialNetwork, Publisher>> = {
  x: {
    call: (post) => ({ tool: 'x', action: 'publish_post', input: { text: post.text } }),
    ref: (output) => ({ externalId: text(output.id), externalUrl: optionalText(output.url) }),
  },
  linkedin: {
    call: (post) =>
      post.account.linkedinAuthor
        ? { tool: 'linkedin', action: 'publish_post', input: { author: post.account.linkedinAuthor, commentary: post.text, visibility: 'PUBLIC' } }
        : { missing: 'no LinkedIn author (settings.linkedinAuthor) to post as' },
    ref: (output) => ({ externalId: text(output.id), externalUrl: optionalText(output.url) }),
  },
  facebook: {
    call: (post) =>
      post.account.facebookPageId ? { tool: 'facebook', action: 'publish_post', input: { pageId: post.account.facebookPageId, message: post.text } } : { missing: 'no Facebook Page (settings.facebookPageId) to post on' },
    ref: (output) => ({ externalId: text(output.id), externalUrl: optionalText(output.permalinkUrl) }),
  },
  instagram: {
    call: (post) =>
      post.mediaUrl ? { tool: 'instagram', action: 'publish_image', input: { imageUrl: post.mediaUrl, ...(post.text ? { caption: post.text } : {}) } } : { missing: 'no image (mediaUrl) to publish' },
    ref: (output) => ({ externalId: text(output.id), externalUrl: optionalText(output.permalink) }),
  },
  tiktok: {
    call: (post) =>
      post.mediaUrl
        ? { tool: 'tiktok', action: 'publish_video', input: { videoUrl: post.mediaUrl, title: post.text, privacyLevel: post.account.tiktokPrivacyLevel ?? 'PUBLIC_TO_EVERYONE' } }
        : { missing: 'no video (mediaUrl) to publish' },
    // TikTok answers a publish id: the video's own id and page exist only once TikTok has processed the upload.
    ref: (output) => ({ externalId: text(output.publishId), externalUrl: null }),
  },
  youtube: {
    call: (post) =>
      post.account.youtubeVideoId
        ? { tool: 'youtube', action: 'update_video_metadata', input: { videoId: post.account.youtubeVideoId, title: post.title ?? '', description: post.text } }
        : { missing: 'no YouTube video (youtubeVideoId) to update' },
    ref: (output) => ({ externalId: text(output.id), externalUrl: youtubeWatchUrl(text(output.id)) }),
  },
};
