import { Injectable } from '@nestjs/common';
import { Transactional } from '@nestjs-cls/transactional';
import { PinoLogger } from 'nestjs-pino';
import { ValidationFailedError } from '../../../common/errors/domain-errors';
import type { Principal } from '../../api-keys/api-keys.service';
import { VoiceScorer } from '../../brands/scoring/voice-scorer';
import { ContentNotEditableError, ContentNotFoundError, InvalidContentTransitionError } from '../content-errors';
import { scoredText, type CitedPassage, type Titled } from '../drafting/draft-text';
import type { UpdateContentDto } from '../dto/update-content.dto';
import { type ContentChange, type ContentRecord, ContentsRepository, type ContentVersionRecord } from '../persistence/contents.repository';
import { canTransition, CONTENT_TRANSITIONS, EDITABLE_STATUSES } from './content-transitions';

export const EDIT_NOTE = 'edited by a person';

interface Edit extends Titled {
  voiceScore: number | null;
  passages: CitedPassage[];
}

/**
 * A person's changes to content: an edit becomes a new version (scored against the brand's voice,
 * so a reviewer sees whether it still sounds like the brand), and status moves through the review
 * workflow. The score is an embedding call, made before and outside the transaction (a model call
 * must not hold one open); the version, the content's current version and its status are then
 * written in one transaction on the locked content row, where the status is checked again.
 */
@Injectable()
export class EditContent {
  constructor(private readonly contents: ContentsRepository, private readonly scorer: VoiceScorer, private readonly logger: PinoLogger) {
    logger.setContext(EditContent.name);
  }

  async update(caller: Principal, id: string, dto: UpdateContentDto): Promise<{ content: ContentRecord; versions: ContentVersionRecord[] }> {
    if (dto.title === undefined && dto.body === undefined && dto.status === undefined) {
      throw new ValidationFailedError(['title', 'body', 'status'], 'invalid request: send a title, a body or a status');
    }
    const edit = dto.title !== undefined || dto.body !== undefined ? await this.prepareEdit(caller.organizationId, id, dto) : null;
    const content = await this.apply(caller, id, edit, dto);
    this.logger.info({ contentId: id, edited: edit !== null, status: content.status }, 'content updated');
    return { content, versions: await this.contents.versions(caller.organizationId, id) };
  }

  async delete(organizationId: string, id: string): Promise<void> {
    if ((await this.contents.softDelete(organizationId, id, new Date())) === 0) throw new ContentNotFoundError(id);
    this.logger.info({ contentId: id }, 'content deleted');
  }

  /** The edited text (what was not sent kept from the current version), its score and the citations it still makes. */
  private async prepareEdit(organizationId: string, id: string, dto: UpdateContentDto): Promise<Edit> {
    const content = await this.contents.find(organizationId, id);
    if (!content) throw new ContentNotFoundError(id);
    // Refused before the score is paid for; checked again under the lock.
    if (!EDITABLE_STATUSES.includes(content.status)) throw new ContentNotEditableError(content.status);
    const current = await this.contents.version(organizationId, id, content.currentVersion);
    const edited = { title: dto.title ?? current?.title ?? content.title, body: dto.body ?? current?.body ?? '' };
    const stillCited = (current?.passages ?? []).filter((p) => edited.body.includes(`[${p.marker}]`));
    return { ...edited, passages: stillCited, voiceScore: content.brandId ? await this.scoreOf(organizationId, content.brandId, edited) : null };
  }

  /**
   * Best effort: a person's edit is kept even when it cannot be scored (the brand lost its voice,
   * the budget is spent, the model is down); its score is then null and the log says why.
   */
  private async scoreOf(organizationId: string, brandId: string, edited: Titled): Promise<number | null> {
    try {
      return (await this.scorer.score(organizationId, { brandId, text: scoredText(edited) })).score;
    } catch (error) {
      this.logger.warn({ brandId, err: error }, 'edited content not scored');
      return null;
    }
  }

  @Transactional()
  private async apply(caller: Principal, id: string, edit: Edit | null, dto: UpdateContentDto): Promise<ContentRecord> {
    const locked = await this.contents.lock(caller.organizationId, id);
    if (!locked) throw new ContentNotFoundError(id);
    const change: ContentChange = {};
    if (edit) {
      if (!EDITABLE_STATUSES.includes(locked.status)) throw new ContentNotEditableError(locked.status);
      const version = (await this.contents.lastVersion(id)) + 1;
      await this.contents.addVersion(caller.organizationId, id, { version, ...edit, note: EDIT_NOTE, runId: null, userId: caller.userId });
      Object.assign(change, { title: edit.title, currentVersion: version, voiceScore: edit.voiceScore });
    }
    if (dto.status !== undefined) {
      if (!canTransition(locked.status, dto.status)) throw new InvalidContentTransitionError(locked.status, dto.status, CONTENT_TRANSITIONS[locked.status]);
      change.status = dto.status;
    }
    return this.contents.update(id, change);
  }
}
