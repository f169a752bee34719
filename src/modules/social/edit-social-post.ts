import { Injectable } from '@nestjs/common';
import { ValidationFailedError } from '../../common/errors/domain-errors';
import type { UpdateSocialPostDto } from './dto/social-post-requests.dto';
import { checkPost } from './network-rules';
import type { SocialPostRecord } from './persistence/social-post.record';
import { EDITABLE_STATUSES, type EditableFields, SocialPostsRepository } from './persistence/social-posts.repository';
import { PublishAtEarlierError, SocialPostNotEditableError, SocialPostNotFoundError, SocialPostRulesError } from './social-errors';

/**
 * A person's change to a post before it goes out (PATCH /v1/social-posts/:id): the post as it
 * would become is checked against its network's rules (400 naming the violation), and only a
 * DRAFT or SCHEDULED post changes (409 once published). A SCHEDULED post's publish run reads the
 * post when its time comes, so the change is what goes out.
 */
@Injectable()
export class EditSocialPost {
  constructor(private readonly posts: SocialPostsRepository) {}

  async edit(organizationId: string, id: string, dto: UpdateSocialPostDto): Promise<SocialPostRecord> {
    const current = await this.posts.find(organizationId, id);
    if (!current) throw new SocialPostNotFoundError(id);
    if (!EDITABLE_STATUSES.includes(current.status)) throw new SocialPostNotEditableError(id, current.status);
    if (dto.title !== undefined && dto.title !== null && current.network !== 'youtube') {
      throw new ValidationFailedError(['title'], `invalid request: only YouTube posts have a title; a ${current.network} post is its body`);
    }
    if (dto.mediaUrl !== undefined && current.network === 'youtube') {
      throw new ValidationFailedError(['mediaUrl'], 'invalid request: a YouTube post sets the title and description of the video it was composed for; its video cannot change');
    }
    this.assertTimeMovesLater(current, dto.publishAt);
    const fields: EditableFields = {
      ...(dto.body !== undefined ? { body: dto.body } : {}),
      ...(dto.title !== undefined ? { title: dto.title } : {}),
      ...(dto.mediaUrl !== undefined ? { mediaUrl: dto.mediaUrl } : {}),
      ...(dto.publishAt !== undefined ? { publishAt: dto.publishAt } : {}),
    };
    const after = { text: fields.body ?? current.body, title: valueOr(fields.title, current.title), mediaUrl: valueOr(fields.mediaUrl, current.mediaUrl) };
    const violations = checkPost(current.network, after);
    if (violations.length > 0) throw new SocialPostRulesError(current.network, violations);

    const updated = await this.posts.updateEditable(organizationId, id, fields);
    if (updated) return updated;
    // Published (or gone) between the read and the write.
    const now = await this.posts.find(organizationId, id);
    if (!now) throw new SocialPostNotFoundError(id);
    throw new SocialPostNotEditableError(id, now.status);
  }

  /** A SCHEDULED post's publish run is queued for its time: it can wait longer (it sleeps on), not start sooner. */
  private assertTimeMovesLater(current: SocialPostRecord, publishAt: Date | null | undefined): void {
    if (publishAt === undefined || current.status !== 'SCHEDULED' || current.publishAt === null) return;
    if (publishAt === null || publishAt.getTime() < current.publishAt.getTime()) throw new PublishAtEarlierError(current.id, current.publishAt);
  }
}

/** A field sent as null clears it; one not sent keeps the post's value. */
function valueOr(sent: string | null | undefined, current: string | null): string | undefined {
  const value = sent === undefined ? current : sent;
  return value ?? undefined;
}
