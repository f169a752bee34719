import { AGENT_CONFIG_TOOL, type EffectiveAgentConfig, needsApproval, READ_CONFIG_ACTION } from '../../agent-config/agent-config.types';
import { RUN_QUEUES } from '../../agents/agent-queues';
import { Agent } from '../../agents/agent.decorator';
import type { AgentHandler, AgentRunContext, RunUsageSoFar } from '../../agents/agent.types';
import type { ApprovalDecision } from '../../agents/run-waits';
import { connectorsEnabled } from '../connectors-enabled';
import type { SocialNetwork } from '../network-rules';
import type { NewSocialPost } from '../persistence/social-post.record';
import { SocialPostOutcomesRepository } from '../persistence/social-post-outcomes.repository';
import { SOCIAL_PUBLISH_AGENT } from '../publish/social-publish.agent';
import { SOCIAL_POSTS_TOOL } from '../social-posts.tool';
import { checkSocialInput } from './check-input';
import { ComposedPosts } from './composed-posts.dto';
import { composeRequest, type VoiceGuide } from './compose-prompt';
import { applyEdits, type Draft, draftsFrom } from './drafts';
import { accountsFrom, type NetworkAccounts } from './network-accounts';
import { expiryOf, publishInputOf } from './publish-input';
import { reviewRequest } from './review';
import { SocialInput } from './social.input';

export const SOCIAL_AGENT = 'social';
/** The write a person approves first unless the organization's configuration says otherwise. */
export const SOCIAL_PUBLISH_WRITE = 'social.publish';

export interface SocialPostOutcome {
  network: SocialNetwork;
  socialPostId: string;
  /** SCHEDULED: its publish run is started (and waits for publishAt); FAILED: problems say why; REJECTED: the reviewer declined, or nobody decided in time. */
  status: 'SCHEDULED' | 'FAILED' | 'REJECTED';
  text: string;
  title?: string;
  mediaUrl?: string;
  problems?: string[];
  edited?: boolean;
  publishRunId?: string;
}

export interface SocialOutput {
  /** not_required: the configuration lets posts go out unreviewed; nothing_to_publish: no post could be offered. */
  decision: ApprovalDecision['decision'] | 'not_required' | 'nothing_to_publish';
  reviewer?: string | null;
  comment?: string;
  publishAt: string | null;
  posts: SocialPostOutcome[];
  model: string;
  usage: RunUsageSoFar;
}

/**
 * Composes one post per network in the brand's voice with one model call, fits each to its
 * network (fitPost) and checks it (checkPost), asks a person (all posts in one approval, which
 * may edit any of them), and hands every approved post that still passes its network's rules to
 * a `social-publish` run of its own, delayed until publishAt.
 *
 * The posts' rows commit with the run (onCommit), so there are none while it waits for review:
 * a row written before the wait would need a write outside the run's commit, left behind by a
 * run that then fails or is cancelled. The pending posts show in the run (AWAITING_APPROVAL) and
 * its approval's payload (GET /v1/approvals); rows appear at the decision: SCHEDULED, REJECTED
 * or FAILED. A publish run that gets there before this run commits writes its row itself.
 *
 * The approval policy's magnitude (`above` a threshold) is the number of posts.
 */
@Agent({
  name: SOCIAL_AGENT,
  kind: 'SOCIAL',
  description: 'Composes a post per social network from a brief in the brand voice, within each network\'s rules, and publishes them after approval (or at publishAt)',
  input: SocialInput,
  tools: [`${AGENT_CONFIG_TOOL}.${READ_CONFIG_ACTION}`, `${SOCIAL_POSTS_TOOL}.check_references`, 'brand.voice', 'llm.generate', 'runs.start'],
  writes: [SOCIAL_PUBLISH_WRITE],
  queue: RUN_QUEUES.socialCompose,
  starts: [SOCIAL_PUBLISH_AGENT],
  enabled: connectorsEnabled(['x', 'linkedin', 'facebook', 'instagram', 'tiktok', 'youtube']),
})
export class SocialAgent implements AgentHandler<SocialInput, SocialOutput> {
  constructor(private readonly outcomes: SocialPostOutcomesRepository) {}

  check(input: SocialInput): Promise<void> {
    checkSocialInput(input, SOCIAL_AGENT);
    return Promise.resolve();
  }

  async run(input: SocialInput, context: AgentRunContext): Promise<SocialOutput> {
    const config = await context.tools.call<EffectiveAgentConfig>(AGENT_CONFIG_TOOL, READ_CONFIG_ACTION, { agent: SOCIAL_AGENT });
    if (input.campaignId || input.contentId) await context.tools.call(SOCIAL_POSTS_TOOL, 'check_references', { campaignId: input.campaignId, contentId: input.contentId });
    const brandId = input.brandId ?? config.brandId;
    const voice = brandId ? await context.tools.call<VoiceGuide>('brand', 'voice', { brandId }) : null;
    const composed = await context.model.generateObject(ComposedPosts, composeRequest(input, voice, config));
    const { accounts, missing } = accountsFrom(config.settings, input.networks);
    const drafts = draftsFrom(input, composed.object, context.runId, missing);
    const publishAt = input.publishAt ? new Date(input.publishAt).toISOString() : null;
    const output = (decision: SocialOutput['decision'], posts: SocialPostOutcome[], extra: Partial<SocialOutput> = {}): SocialOutput => ({ decision, ...extra, publishAt, posts, model: composed.model, usage: context.usage() });

    const offerable = drafts.some((draft) => draft.accountMissing === undefined);
    if (!offerable) return output('nothing_to_publish', this.commit(input, context, drafts.map((d) => failed(d)), publishAt));
    if (!needsApproval(config, SOCIAL_PUBLISH_WRITE, drafts.length)) return output('not_required', await this.publish(input, context, drafts, accounts, publishAt));

    const decision = await context.approval.request(reviewRequest(input, drafts, publishAt, expiryOf(input, config)));
    const who = { reviewer: decision.reviewer, ...(decision.comment ? { comment: decision.comment } : {}) };
    if (!decision.approved) return output(decision.decision, this.commit(input, context, drafts.map((d) => ({ ...outcomeOf(d), status: 'REJECTED' as const })), publishAt), who);
    return output(decision.decision, await this.publish(input, context, applyEdits(drafts, decision.edits), accounts, publishAt), who);
  }

  /** Each post that passes its network's rules gets its publish run (one recorded step each); the others fail with their problems. */
  private async publish(input: SocialInput, context: AgentRunContext, drafts: Draft[], accounts: NetworkAccounts, publishAt: string | null): Promise<SocialPostOutcome[]> {
    const outcomes: SocialPostOutcome[] = [];
    for (const draft of drafts) {
      if (draft.problems.length > 0) {
        outcomes.push(failed(draft));
        continue;
      }
      const child = await context.tools.call<{ runId: string }>('runs', 'start', {
        agent: SOCIAL_PUBLISH_AGENT,
        input: publishInputOf(input, context.runId, draft, accounts, publishAt),
        intent: `publish the ${draft.network} post ${draft.socialPostId}`,
        ...(publishAt ? { runAt: publishAt } : {}),
      });
      outcomes.push({ ...outcomeOf(draft), status: 'SCHEDULED', publishRunId: child.runId });
    }
    return this.commit(input, context, outcomes, publishAt);
  }

  private commit(input: SocialInput, context: AgentRunContext, outcomes: SocialPostOutcome[], publishAt: string | null): SocialPostOutcome[] {
    const rows: NewSocialPost[] = outcomes.map((outcome) => ({
      id: outcome.socialPostId,
      organizationId: context.organizationId,
      network: outcome.network,
      status: outcome.status,
      body: outcome.text,
      title: outcome.title ?? null,
      mediaUrl: outcome.mediaUrl ?? null,
      publishAt: publishAt ? new Date(publishAt) : null,
      campaignId: input.campaignId ?? null,
      contentId: input.contentId ?? null,
      runId: context.runId,
      error: outcome.problems?.length ? outcome.problems.join('; ') : null,
    }));
    context.onCommit(() => this.outcomes.insertComposed(rows));
    return outcomes;
  }
}

function outcomeOf(draft: Draft): SocialPostOutcome {
  return {
    network: draft.network,
    socialPostId: draft.socialPostId,
    status: 'SCHEDULED',
    text: draft.text,
    ...(draft.title !== undefined ? { title: draft.title } : {}),
    ...(draft.mediaUrl !== undefined ? { mediaUrl: draft.mediaUrl } : {}),
    ...(draft.problems.length > 0 ? { problems: draft.problems } : {}),
    ...(draft.edited ? { edited: true } : {}),
  };
}

function failed(draft: Draft): SocialPostOutcome {
  return { ...outcomeOf(draft), status: 'FAILED' };
}
