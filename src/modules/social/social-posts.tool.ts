import { NotFoundError } from '../../common/errors/domain-errors';
import { validatePlain } from '../../common/validation/validate-plain';
import { ToolProvider } from '../tools/tool.decorator';
import type { ToolAction, ToolCallContext, ToolDefinition } from '../tools/tool.types';
import type { SocialNetwork } from './network-rules';
import { SocialPostOutcomesRepository } from './persistence/social-post-outcomes.repository';
import type { PostMetrics, SocialPostRecord } from './persistence/social-post.record';
import { SocialPostsRepository } from './persistence/social-posts.repository';
import { CheckReferencesInput, PublishedPostsInput, ReadPostInput } from './social-posts.tool.dto';

export const SOCIAL_POSTS_TOOL = 'social_posts';

/** A post as a step records it: plain JSON, so a replayed step answers exactly what the first one did. */
export interface PostSnapshot {
  id: string;
  network: SocialNetwork;
  status: string;
  body: string;
  title: string | null;
  mediaUrl: string | null;
  publishAt: string | null;
  externalId: string | null;
  campaignId: string | null;
  metrics: PostMetrics;
}

/**
 * The social agents' reads of their own rows, as steps: what decides a publication (the post as
 * it stands when its time comes, edits included) or a sync (which posts, and their last counts)
 * is recorded, so a resumed run acts on what it read rather than reading again.
 */
@ToolProvider()
export class SocialPostsTool implements ToolDefinition {
  readonly name = SOCIAL_POSTS_TOOL;
  readonly description = "The organization's social posts";
  readonly actions: Record<string, ToolAction>;

  constructor(private readonly outcomes: SocialPostOutcomesRepository, private readonly posts: SocialPostsRepository) {
    this.actions = {
      read: { description: 'One post as it stands now (null when it is not written yet)', input: ReadPostInput, execute: (input, context) => this.read(input, context) },
      published: { description: 'Posts published in the last N days that have a network id, newest first', input: PublishedPostsInput, execute: (input, context) => this.published(input, context) },
      check_references: { description: "Checks that a campaign and a content are the organization's (404 otherwise)", input: CheckReferencesInput, execute: (input, context) => this.checkReferences(input, context) },
    };
  }

  private async read(raw: Record<string, unknown>, context: ToolCallContext): Promise<{ post: PostSnapshot | null }> {
    const { socialPostId } = await validatePlain(ReadPostInput, raw, 'input', `${SOCIAL_POSTS_TOOL}.read input`);
    const post = await this.posts.find(context.organizationId, socialPostId);
    return { post: post && snapshotOf(post) };
  }

  private async published(raw: Record<string, unknown>, context: ToolCallContext): Promise<{ since: string; posts: PostSnapshot[] }> {
    const { days, limit } = await validatePlain(PublishedPostsInput, raw, 'input', `${SOCIAL_POSTS_TOOL}.published input`);
    const since = new Date(Date.now() - days * 86_400_000);
    const posts = await this.outcomes.publishedSince(context.organizationId, since, limit);
    return { since: since.toISOString(), posts: posts.map(snapshotOf) };
  }

  private async checkReferences(raw: Record<string, unknown>, context: ToolCallContext): Promise<{ campaignId: string | null; contentId: string | null }> {
    const { campaignId, contentId } = await validatePlain(CheckReferencesInput, raw, 'input', `${SOCIAL_POSTS_TOOL}.check_references input`);
    if (campaignId && !(await this.posts.campaignExists(context.organizationId, campaignId))) throw new NotFoundError('campaign', campaignId);
    if (contentId && !(await this.posts.contentExists(context.organizationId, contentId))) throw new NotFoundError('content', contentId);
    return { campaignId: campaignId ?? null, contentId: contentId ?? null };
  }
}

function snapshotOf(post: SocialPostRecord): PostSnapshot {
  return {
    id: post.id,
    network: post.network,
    status: post.status,
    body: post.body,
    title: post.title,
    mediaUrl: post.mediaUrl,
    publishAt: post.publishAt?.toISOString() ?? null,
    externalId: post.externalId,
    campaignId: post.campaignId,
    metrics: post.metrics,
  };
}
