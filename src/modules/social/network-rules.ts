import { isURL } from 'class-validator';
import { extractHashtags, parseTweet } from 'twitter-text';
import { fitText } from './fit-text';
import { type LengthMeasure, MEASURE_UNITS, MEASURES } from './post-length';

export const SOCIAL_NETWORKS = ['x', 'linkedin', 'facebook', 'instagram', 'tiktok', 'youtube'] as const;
export type SocialNetwork = (typeof SOCIAL_NETWORKS)[number];

/** What an agent drafts: `text` is the post, caption or (YouTube) description. */
export interface PostDraft {
  text: string;
  mediaUrl?: string;
  title?: string;
}

export type PostField = keyof PostDraft;
export type PostRule = 'required' | 'too_long' | 'invalid_characters' | 'forbidden_characters' | 'too_many_hashtags' | 'invalid_url' | 'unsupported_media';

export interface PostViolation {
  field: PostField;
  rule: PostRule;
  message: string;
  /** The network's limit, for `too_long` and `too_many_hashtags`. */
  limit?: number;
  /** The draft's count in the limit's unit. */
  actual?: number;
}

export interface NetworkRules {
  name: string;
  text: { maxLength: number; measure: LengthMeasure; forbidden?: readonly string[] };
  /** A title of its own, required when the network has one. */
  title?: { maxLength: number; measure: LengthMeasure; forbidden: readonly string[] };
  /** Media the post cannot go out without, and the file extensions the network takes for it. */
  media?: { kind: 'image' | 'video'; extensions: readonly string[] };
  maxHashtags?: number;
}

// X: 280 weighted characters, URLs 23 each (developer docs, "Counting characters"; twitter-text config v3).
export const X_MAX_WEIGHTED_LENGTH = 280;
// LinkedIn: a post's commentary, 3,000 characters (Posts API; the limit LinkedIn's composer shows).
export const LINKEDIN_MAX_TEXT_LENGTH = 3_000;
// Facebook: 63,206 characters in a post (Meta's published post limit).
export const FACEBOOK_MAX_TEXT_LENGTH = 63_206;
// Instagram: a caption of 2,200 characters (Instagram Graph API, IG User Media `caption`).
export const INSTAGRAM_MAX_CAPTION_LENGTH = 2_200;
// Instagram: 5 hashtags per post or reel, Instagram's cap announced December 2025 (30 before).
export const INSTAGRAM_MAX_HASHTAGS = 5;
// TikTok: a caption of 2,200 UTF-16 runes (Content Posting API, `post_info.title`).
export const TIKTOK_MAX_CAPTION_LENGTH = 2_200;
// YouTube: `snippet.title` 100 characters, `snippet.description` 5,000 bytes, neither with < or > (Data API, videos resource).
export const YOUTUBE_MAX_TITLE_LENGTH = 100;
export const YOUTUBE_MAX_DESCRIPTION_BYTES = 5_000;
const YOUTUBE_FORBIDDEN = ['<', '>'] as const;

const IMAGE_EXTENSIONS = ['jpg', 'jpeg', 'png', 'gif', 'webp', 'heic', 'heif', 'avif', 'bmp', 'tif', 'tiff', 'svg'];
const VIDEO_EXTENSIONS = ['mp4', 'mov', 'webm', 'avi', 'wmv', 'flv', 'mkv', 'm4v', 'mpg', 'mpeg', '3gp'];

export const NETWORK_RULES: Readonly<Record<SocialNetwork, NetworkRules>> = {
  x: { name: 'X', text: { maxLength: X_MAX_WEIGHTED_LENGTH, measure: 'weighted' } },
  linkedin: { name: 'LinkedIn', text: { maxLength: LINKEDIN_MAX_TEXT_LENGTH, measure: 'utf16' } },
  facebook: { name: 'Facebook', text: { maxLength: FACEBOOK_MAX_TEXT_LENGTH, measure: 'utf16' } },
  instagram: {
    name: 'Instagram',
    text: { maxLength: INSTAGRAM_MAX_CAPTION_LENGTH, measure: 'utf16' },
    // The Graph API's image_url takes JPEG only.
    media: { kind: 'image', extensions: ['jpg', 'jpeg'] },
    maxHashtags: INSTAGRAM_MAX_HASHTAGS,
  },
  tiktok: {
    name: 'TikTok',
    text: { maxLength: TIKTOK_MAX_CAPTION_LENGTH, measure: 'utf16' },
    media: { kind: 'video', extensions: ['mp4', 'mov', 'webm'] },
  },
  youtube: {
    name: 'YouTube',
    text: { maxLength: YOUTUBE_MAX_DESCRIPTION_BYTES, measure: 'utf8Bytes', forbidden: YOUTUBE_FORBIDDEN },
    title: { maxLength: YOUTUBE_MAX_TITLE_LENGTH, measure: 'utf16', forbidden: YOUTUBE_FORBIDDEN },
    // A YouTube post is a video upload: there is nothing to publish without one.
    media: { kind: 'video', extensions: VIDEO_EXTENSIONS },
  },
};

/** Everything in the draft the network would refuse; empty when it can be published as is. */
export function checkPost(network: SocialNetwork, draft: PostDraft): PostViolation[] {
  const rules = NETWORK_RULES[network];
  return [...checkText(network, rules, draft), ...checkTitle(rules, draft.title), ...checkMedia(rules, draft.mediaUrl)];
}

/**
 * The draft's text cut to the network's length limit at a word boundary, with an ellipsis,
 * keeping URLs whole where it can; unchanged when it already fits. Length only: hashtags and
 * media are still checkPost's to report.
 */
export function fitPost(network: SocialNetwork, text: string): string {
  const { maxLength, measure } = NETWORK_RULES[network].text;
  return fitText(text, maxLength, MEASURES[measure]);
}

function checkText(network: SocialNetwork, rules: NetworkRules, { text, mediaUrl }: PostDraft): PostViolation[] {
  const violations: PostViolation[] = [];
  // Networks that require media accept it without text; the others need one or the other.
  if (text.trim() === '' && !rules.media && !mediaUrl) {
    violations.push({ field: 'text', rule: 'required', message: `${rules.name} needs text or media to post` });
  }
  const tooLong = tooLongViolation('text', rules.name, text, rules.text);
  if (tooLong) violations.push(tooLong);
  // twitter-text refuses the few code points X does (U+FFFE, U+FEFF, U+FFFF) besides the length.
  if (network === 'x' && !tooLong && text !== '' && !parseTweet(text).valid) {
    violations.push({ field: 'text', rule: 'invalid_characters', message: 'X refuses text with U+FFFE, U+FEFF or U+FFFF in it' });
  }
  const forbidden = forbiddenViolation('text', rules.name, text, rules.text.forbidden);
  if (forbidden) violations.push(forbidden);
  const hashtags = extractHashtags(text).length;
  if (rules.maxHashtags !== undefined && hashtags > rules.maxHashtags) {
    violations.push({
      field: 'text',
      rule: 'too_many_hashtags',
      message: `${rules.name} allows ${rules.maxHashtags} hashtags; the text has ${hashtags}`,
      limit: rules.maxHashtags,
      actual: hashtags,
    });
  }
  return violations;
}

function checkTitle(rules: NetworkRules, title: string | undefined): PostViolation[] {
  if (!rules.title) return [];
  if (title === undefined || title.trim() === '') return [{ field: 'title', rule: 'required', message: `${rules.name} needs a title` }];
  return [tooLongViolation('title', rules.name, title, rules.title), forbiddenViolation('title', rules.name, title, rules.title.forbidden)].filter(
    (violation) => violation !== undefined,
  );
}

function checkMedia(rules: NetworkRules, mediaUrl: string | undefined): PostViolation[] {
  if (mediaUrl === undefined || mediaUrl.trim() === '') {
    return rules.media ? [{ field: 'mediaUrl', rule: 'required', message: `${rules.name} needs ${article(rules.media.kind)} ${rules.media.kind} URL` }] : [];
  }
  // The network fetches the file itself, so it must be a public web address.
  if (!isURL(mediaUrl, { protocols: ['http', 'https'], require_protocol: true })) {
    return [{ field: 'mediaUrl', rule: 'invalid_url', message: 'mediaUrl must be an http or https URL' }];
  }
  const extension = extensionOf(mediaUrl);
  // An unknown or missing extension passes: only the network's fetch of the file can tell.
  if (rules.media && extension && isKnownMedia(extension) && !rules.media.extensions.includes(extension)) {
    return [
      {
        field: 'mediaUrl',
        rule: 'unsupported_media',
        message: `${rules.name} needs ${article(rules.media.kind)} ${rules.media.kind} (${rules.media.extensions.join(', ')}); mediaUrl is a .${extension} file`,
      },
    ];
  }
  return [];
}

function tooLongViolation(field: PostField, network: string, value: string, limit: { maxLength: number; measure: LengthMeasure }): PostViolation | undefined {
  const actual = MEASURES[limit.measure](value);
  if (actual <= limit.maxLength) return undefined;
  const unit = MEASURE_UNITS[limit.measure];
  return { field, rule: 'too_long', message: `${network} allows ${limit.maxLength} ${unit} in the ${field}; it has ${actual}`, limit: limit.maxLength, actual };
}

function forbiddenViolation(field: PostField, network: string, value: string, forbidden: readonly string[] | undefined): PostViolation | undefined {
  const found = (forbidden ?? []).filter((character) => value.includes(character));
  if (found.length === 0) return undefined;
  return { field, rule: 'forbidden_characters', message: `${network} refuses ${found.join(' and ')} in the ${field}` };
}

function extensionOf(url: string): string | undefined {
  // isURL and WHATWG URL disagree on a few edge cases; a URL we cannot read has no known extension.
  const pathname = URL.canParse(url) ? new URL(url).pathname : '';
  return /\.([a-z0-9]+)$/i.exec(pathname)?.[1]?.toLowerCase();
}

function isKnownMedia(extension: string): boolean {
  return IMAGE_EXTENSIONS.includes(extension) || VIDEO_EXTENSIONS.includes(extension);
}

function article(kind: 'image' | 'video'): string {
  return kind === 'image' ? 'an' : 'a';
}
