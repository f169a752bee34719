import { isRetryable } from '../../../infra/resilience/classified-error';
import { RUN_QUEUES } from '../../agents/agent-queues';
import { Agent } from '../../agents/agent.decorator';
import type { AgentHandler, AgentRunContext, RunUsageSoFar } from '../../agents/agent.types';
import { connectorsEnabled } from '../connectors-enabled';
import { checkPost, NETWORK_RULES, type SocialNetwork } from '../network-rules';
import type { NewSocialPost } from '../persistence/social-post.record';
import { type PublicationOutcome, SocialPostOutcomesRepository } from '../persistence/social-post-outcomes.repository';
import { type PostSnapshot, SOCIAL_POSTS_TOOL } from '../social-posts.tool';
import { type OutgoingPost, PUBLISHERS } from './network-publishers';
import { SocialPublishInput } from './social-publish.input';

export const SOCIAL_PUBLISH_AGENT = 'social-publish';
/** Known here, not only in the engine's policy: the last attempt records a passing failure on the post instead of leaving it SCHEDULED. */
export const PUBLISH_MAX_ATTEMPTS = 3;
/** A person may move a scheduled post later more than once; past this many moves in one run, it goes out at the time it woke for. */
const MAX_RESCHEDULES = 5;

export interface SocialPublishOutput {
  socialPostId: string;
  network: SocialNetwork;
  status: 'PUBLISHED' | 'FAILED' | 'SKIPPED';
  externalId?: string;
  externalUrl?: string | null;
  error?: string;
  usage: RunUsageSoFar;
}

/**
 * Publishes one approved post through its network's connector and records the outcome on the
 * post. The post is read when its time comes (a recorded step): what goes out is the post as it
 * stands then, with a person's edits, checked against the network's rules once more. A network's
 * refusal, a missing account or a rule broken by an edit ends as a FAILED post with the reason; a
 * passing failure is retried, and on the last attempt recorded as FAILED too.
 */
@Agent({
  name: SOCIAL_PUBLISH_AGENT,
  kind: 'SOCIAL',
  description: 'Stage of the social agent: publishes one approved post on its network and records the network id and URL, or the failure',
  input: SocialPublishInput,
  tools: [`${SOCIAL_POSTS_TOOL}.read`, 'x.publish_post', 'linkedin.publish_post', 'facebook.publish_post', 'instagram.publish_image', 'tiktok.publish_video', 'youtube.update_video_metadata'],
  queue: RUN_QUEUES.socialPublish,
  internal: true,
  policy: { maxAttempts: PUBLISH_MAX_ATTEMPTS },
  enabled: connectorsEnabled(['x', 'linkedin', 'facebook', 'instagram', 'tiktok', 'youtube']),
})
export class SocialPublishAgent implements AgentHandler<SocialPublishInput, SocialPublishOutput> {
  constructor(private readonly outcomes: SocialPostOutcomesRepository) {}

  async run(input: SocialPublishInput, context: AgentRunContext): Promise<SocialPublishOutput> {
    const post = await this.current(input, context);
    if (post && post.status !== 'SCHEDULED') return outputOf(input, context, 'SKIPPED', { error: `the post is ${post.status}, not SCHEDULED` });

    const outgoing = outgoingOf(input, post);
    const call = PUBLISHERS[input.network].call(outgoing);
    const problems = checkPost(input.network, { text: outgoing.text, title: outgoing.title ?? undefined, mediaUrl: outgoing.mediaUrl ?? undefined }).map((v) => v.message);
    if ('missing' in call) problems.push(call.missing);
    if (problems.length > 0 || 'missing' in call) return this.fail(input, context, problems.join('; '));

    let output: Record<string, unknown>;
    try {
      output = await context.tools.call<Record<string, unknown>>(call.tool, call.action, call.input);
    } catch (error) {
      if (isRetryable(error) && context.attempt < PUBLISH_MAX_ATTEMPTS) throw error;
      return this.fail(input, context, `${NETWORK_RULES[input.network].name} did not publish it: ${(error as Error).message}`);
    }
    const ref = PUBLISHERS[input.network].ref(output);
    this.record(input, context, { status: 'PUBLISHED', body: outgoing.text, title: outgoing.title, ...ref });
    return outputOf(input, context, 'PUBLISHED', ref);
  }

  /**
   * The post as it stands when its time comes. A person who moved it later after this run was
   * queued for the earlier time is honoured: the run sleeps until the new time (released, durably)
   * and reads the post again, since it may have changed meanwhile too.
   */
  private async current(input: SocialPublishInput, context: AgentRunContext): Promise<PostSnapshot | null> {
    let post = await this.read(input, context);
    let scheduledFor = timeOf(input.publishAt);
    for (let moves = 0; moves < MAX_RESCHEDULES && post?.status === 'SCHEDULED'; moves++) {
      const wanted = timeOf(post.publishAt);
      if (wanted === null || wanted === scheduledFor) break;
      await context.sleepUntil(new Date(wanted));
      scheduledFor = wanted;
      post = await this.read(input, context);
    }
    return post;
  }

  private async read(input: SocialPublishInput, context: AgentRunContext): Promise<PostSnapshot | null> {
    return (await context.tools.call<{ post: PostSnapshot | null }>(SOCIAL_POSTS_TOOL, 'read', { socialPostId: input.socialPostId })).post;
  }

  private fail(input: SocialPublishInput, context: AgentRunContext, error: string): SocialPublishOutput {
    this.record(input, context, { status: 'FAILED', error });
    return outputOf(input, context, 'FAILED', { error });
  }

  private record(input: SocialPublishInput, context: AgentRunContext, outcome: PublicationOutcome): void {
    const post = postFrom(input, context.organizationId);
    context.onCommit(() => this.outcomes.recordPublication(post, outcome));
  }
}

function outputOf(input: SocialPublishInput, context: AgentRunContext, status: SocialPublishOutput['status'], extra: Partial<SocialPublishOutput> = {}): SocialPublishOutput {
  return { socialPostId: input.socialPostId, network: input.network, status, ...extra, usage: context.usage() };
}

function outgoingOf(input: SocialPublishInput, post: PostSnapshot | null): OutgoingPost {
  return {
    network: input.network,
    text: post?.body ?? input.text,
    title: post ? post.title : (input.title ?? null),
    mediaUrl: post ? post.mediaUrl : (input.mediaUrl ?? null),
    account: { linkedinAuthor: input.linkedinAuthor, facebookPageId: input.facebookPageId, tiktokPrivacyLevel: input.tiktokPrivacyLevel, youtubeVideoId: input.youtubeVideoId },
  };
}

/** The row as the compose run would have written it: the stage writes it so if it commits first. */
function postFrom(input: SocialPublishInput, organizationId: string): NewSocialPost {
  return {
    id: input.socialPostId,
    organizationId,
    network: input.network,
    status: 'SCHEDULED',
    body: input.text,
    title: input.title ?? null,
    mediaUrl: input.mediaUrl ?? null,
    publishAt: input.publishAt ? new Date(input.publishAt) : null,
    campaignId: input.campaignId ?? null,
    contentId: input.contentId ?? null,
    runId: input.composedByRunId ?? null,
  };
}

function timeOf(iso: string | null | undefined): number | null {
  return iso ? new Date(iso).getTime() : null;
}
