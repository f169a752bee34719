import { fitText } from '../fit-text';
import { checkPost, fitPost, NETWORK_RULES, type SocialNetwork, YOUTUBE_MAX_TITLE_LENGTH } from '../network-rules';
import { MEASURES } from '../post-length';
import { socialPostIdFor, youtubeWatchUrl } from '../social-networks';
import { MEDIA_NETWORKS } from './check-input';
import type { ComposedPosts } from './composed-posts.dto';
import type { SocialInput } from './social.input';

/** One network's post as composed, fitted and checked: publishable when it has no problems. */
export interface Draft {
  network: SocialNetwork;
  socialPostId: string;
  text: string;
  /** YouTube's video title. */
  title?: string;
  /** What the connector publishes with the text: Instagram's image, TikTok's video, the YouTube video's page. */
  mediaUrl?: string;
  /** Why it cannot be published as it is (the network's rules, a missing account): empty when it can. */
  problems: string[];
  /** The account the configuration lacks for this network: no edit of the text fixes that. */
  accountMissing?: string;
  /** True when the reviewer's edit replaced the text or title. */
  edited?: boolean;
}

/** The reviewer's changes: `{ posts: { x: '...' }, titles: { youtube: '...' } }`, any network left out keeps its draft. */
export interface ReviewEdits {
  posts?: Partial<Record<SocialNetwork, unknown>>;
  titles?: Partial<Record<SocialNetwork, unknown>>;
}

/**
 * Each asked-for network's post: the model's text fitted to the network's length (cut at a word
 * with an ellipsis), then checked; a network whose account is not configured carries that reason.
 */
export function draftsFrom(input: SocialInput, composed: ComposedPosts, runId: string, missingAccounts: Partial<Record<SocialNetwork, string>>): Draft[] {
  return input.networks.map((network) => {
    const text = fitPost(network, composed[network] ?? '');
    const title = network === 'youtube' ? fitText(composed.youtubeTitle ?? '', YOUTUBE_MAX_TITLE_LENGTH, MEASURES.utf16) : undefined;
    const mediaUrl = mediaOf(input, network);
    const draft = { network, socialPostId: socialPostIdFor(runId, network), text, ...(title !== undefined ? { title } : {}), ...(mediaUrl ? { mediaUrl } : {}) };
    const missing = missingAccounts[network];
    return missing ? { ...draft, accountMissing: missing, problems: [missing] } : { ...draft, problems: problemsOf(draft) };
  });
}

/**
 * The drafts as the reviewer left them: an edited text or title is checked again but never cut
 * (a person wrote it; a violation is reported, that network fails, and the others go on).
 */
export function applyEdits(drafts: readonly Draft[], edits: Record<string, unknown> | undefined): Draft[] {
  const posts = objectAt(edits, 'posts');
  const titles = objectAt(edits, 'titles');
  return drafts.map((draft) => {
    const text = posts?.[draft.network];
    const title = titles?.[draft.network];
    if (text === undefined && title === undefined) return draft;
    const wrongType = [text, title].some((value) => value !== undefined && typeof value !== 'string');
    if (wrongType) return { ...draft, edited: true, problems: [`the reviewer's edit for ${NETWORK_RULES[draft.network].name} is not text`] };
    const edited = { ...draft, edited: true, ...(text !== undefined ? { text: text as string } : {}), ...(title !== undefined && draft.network === 'youtube' ? { title: title as string } : {}) };
    return { ...edited, problems: draft.accountMissing ? [draft.accountMissing] : problemsOf(edited) };
  });
}

function problemsOf(draft: Pick<Draft, 'network' | 'text' | 'title' | 'mediaUrl'>): string[] {
  return checkPost(draft.network, { text: draft.text, title: draft.title, mediaUrl: draft.mediaUrl }).map((violation) => violation.message);
}

function mediaOf(input: SocialInput, network: SocialNetwork): string | undefined {
  if (network === 'youtube') return input.youtubeVideoId ? youtubeWatchUrl(input.youtubeVideoId) : undefined;
  return MEDIA_NETWORKS.includes(network) ? input.mediaUrl : undefined;
}

function objectAt(edits: Record<string, unknown> | undefined, key: string): Record<string, unknown> | undefined {
  const value = edits?.[key];
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
