import type { SocialNetwork } from '../network-rules';

/** TikTok's privacy levels (its creator_info lists a creator's own; unaudited apps may only post SELF_ONLY). */
export const TIKTOK_PRIVACY_LEVELS = ['PUBLIC_TO_EVERYONE', 'MUTUAL_FOLLOW_FRIENDS', 'FOLLOWER_OF_CREATOR', 'SELF_ONLY'] as const;
export type TikTokPrivacyLevel = (typeof TIKTOK_PRIVACY_LEVELS)[number];

export const LINKEDIN_AUTHOR = /^urn:li:(person|organization):[A-Za-z0-9_-]{1,64}$/;
export const FACEBOOK_PAGE_ID = /^\d{5,20}$/;

/** Where on a network a post goes, for the connectors that need to be told (the others post as the connected account). */
export interface NetworkAccounts {
  linkedinAuthor?: string;
  facebookPageId?: string;
  tiktokPrivacyLevel?: TikTokPrivacyLevel;
}

/**
 * The accounts the social agent's configuration names in its settings:
 * `linkedinAuthor` (urn:li:organization:<id> for a company page, urn:li:person:<id> for a member),
 * `facebookPageId` (the Page's numeric id) and `tiktokPrivacyLevel` (default PUBLIC_TO_EVERYONE).
 * A network that needs one the settings lack or misspell gets the reason instead: its post is
 * reported, not offered for publication.
 */
export function accountsFrom(settings: Record<string, unknown>, networks: readonly SocialNetwork[]): { accounts: NetworkAccounts; missing: Partial<Record<SocialNetwork, string>> } {
  const accounts: NetworkAccounts = {};
  const missing: Partial<Record<SocialNetwork, string>> = {};
  if (networks.includes('linkedin')) {
    const author = settings.linkedinAuthor;
    if (typeof author === 'string' && LINKEDIN_AUTHOR.test(author)) accounts.linkedinAuthor = author;
    else missing.linkedin = "LinkedIn needs the page or member to post as: set settings.linkedinAuthor (urn:li:organization:<id> or urn:li:person:<id>) in the social agent's configuration";
  }
  if (networks.includes('facebook')) {
    const pageId = settings.facebookPageId;
    if (typeof pageId === 'string' && FACEBOOK_PAGE_ID.test(pageId)) accounts.facebookPageId = pageId;
    else missing.facebook = "Facebook needs the Page to post on: set settings.facebookPageId (its numeric id) in the social agent's configuration";
  }
  if (networks.includes('tiktok')) {
    const level = settings.tiktokPrivacyLevel ?? 'PUBLIC_TO_EVERYONE';
    if (TIKTOK_PRIVACY_LEVELS.includes(level as TikTokPrivacyLevel)) accounts.tiktokPrivacyLevel = level as TikTokPrivacyLevel;
    else missing.tiktok = `settings.tiktokPrivacyLevel must be one of ${TIKTOK_PRIVACY_LEVELS.join(', ')}`;
  }
  return { accounts, missing };
}
