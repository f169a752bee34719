import type { EffectiveAgentConfig } from '../../agent-config/agent-config.types';
import type { SocialPublishInput } from '../publish/social-publish.input';
import type { Draft } from './drafts';
import type { NetworkAccounts } from './network-accounts';
import type { SocialInput } from './social.input';

const MIN_EXPIRY_MS = 1_000;

/** One approved post as its publish run takes it: the post, where it goes, and the rows it belongs to. */
export function publishInputOf(input: SocialInput, runId: string, draft: Draft, accounts: NetworkAccounts, publishAt: string | null): SocialPublishInput {
  const account: Partial<SocialPublishInput> = {
    linkedin: { linkedinAuthor: accounts.linkedinAuthor },
    facebook: { facebookPageId: accounts.facebookPageId },
    tiktok: { tiktokPrivacyLevel: accounts.tiktokPrivacyLevel },
    youtube: { youtubeVideoId: input.youtubeVideoId },
    x: {},
    instagram: {},
  }[draft.network];
  return withoutUndefined({
    socialPostId: draft.socialPostId,
    network: draft.network,
    text: draft.text,
    title: draft.title,
    mediaUrl: draft.mediaUrl,
    publishAt: publishAt ?? undefined,
    campaignId: input.campaignId,
    contentId: input.contentId,
    composedByRunId: runId,
    ...account,
  });
}

/** How long the review may take: the input's, else the configuration's settings.approvalExpiresInMs, else until decided. */
export function expiryOf(input: SocialInput, config: Pick<EffectiveAgentConfig, 'settings'>): number | undefined {
  if (input.approvalExpiresInMs !== undefined) return input.approvalExpiresInMs;
  const configured = config.settings.approvalExpiresInMs;
  return typeof configured === 'number' && Number.isInteger(configured) && configured >= MIN_EXPIRY_MS ? configured : undefined;
}

/** A run's input is stored as JSON: absent stays absent rather than null. */
function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
