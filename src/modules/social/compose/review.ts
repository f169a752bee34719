import type { ApprovalRequest } from '../../agents/run-waits';
import type { SocialNetwork } from '../network-rules';
import { networkNames } from '../social-networks';
import type { Draft } from './drafts';
import type { SocialInput } from './social.input';

const TITLE_BRIEF = 120;

/**
 * What the reviewer sees and decides on: every post (those with problems too, which an edit may
 * fix), the problems, and how to edit: `edits: { posts: { <network>: text }, titles: { youtube: title } }`.
 */
export function reviewRequest(input: SocialInput, drafts: readonly Draft[], publishAt: string | null, expiresInMs: number | undefined): ApprovalRequest {
  const brief = input.brief.trim().replace(/\s+/g, ' ');
  const excerpt = brief.length > TITLE_BRIEF ? `${brief.slice(0, TITLE_BRIEF - 1)}…` : brief;
  const withProblems = drafts.filter((d) => d.problems.length > 0);
  const when = publishAt ? `at ${publishAt}` : 'as soon as approved';
  const summary = [
    `${drafts.length} post(s) to publish ${when}.`,
    withProblems.length > 0 ? `${networkNames(withProblems.map((d) => d.network))}: not publishable as written (see problems); an edit that fixes them publishes them.` : '',
    'Edit with { "posts": { "<network>": "text" }, "titles": { "youtube": "title" } }.',
  ].filter(Boolean).join(' ');
  return {
    title: `Publish on ${networkNames(drafts.map((d) => d.network))}: "${excerpt}"`,
    summary,
    payload: {
      networks: drafts.map((d) => d.network),
      posts: byNetwork(drafts, (d) => d.text),
      ...(drafts.some((d) => d.title !== undefined) ? { titles: byNetwork(drafts.filter((d) => d.title !== undefined), (d) => d.title!) } : {}),
      ...(withProblems.length > 0 ? { problems: byNetwork(withProblems, (d) => d.problems) } : {}),
      socialPostIds: byNetwork(drafts, (d) => d.socialPostId),
      publishAt,
      mediaUrl: input.mediaUrl ?? null,
      ...(input.youtubeVideoId ? { youtubeVideoId: input.youtubeVideoId } : {}),
    },
    ...(expiresInMs !== undefined ? { expiresInMs } : {}),
  };
}

function byNetwork<T>(drafts: readonly Draft[], value: (draft: Draft) => T): Partial<Record<SocialNetwork, T>> {
  return Object.fromEntries(drafts.map((draft) => [draft.network, value(draft)]));
}
