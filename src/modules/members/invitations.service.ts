import { Injectable } from '@nestjs/common';
import { Transactional, TransactionHost } from '@nestjs-cls/transactional';
import { PinoLogger } from 'nestjs-pino';
import { randomBytes, randomUUID } from 'node:crypto';
import { ConflictError, NotFoundError } from '../../common/errors/domain-errors';
import { hashApiKey } from '../api-keys/api-key-token';
import type { Principal } from '../api-keys/api-keys.service';
import { ApiKeysService } from '../api-keys/api-keys.service';
import { AuditService } from '../audit/audit.service';
import type { BuiltInRole } from '../auth/permissions/permissions';
import { decodeCursor, encodeCursor } from '../../common/validation/page-cursor';
import { InvitationConnector, InvitationMailer } from './invitation-mailer';
import { InvitationRecord, InvitationsRepository } from './invitations.repository';
import { assertRoleChangeAllowed } from './member-roles';
import { MemberRecord, MembersRepository } from './members.repository';

/** Long enough to cover a weekend away from the inbox; short enough that a forwarded mail goes stale. */
export const INVITATION_TTL_MS = 7 * 24 * 3_600_000;
const DEFAULT_PAGE = 50;

export class InvitationNotFoundError extends NotFoundError {
  constructor() {
    // One message for unknown, used, revoked and expired codes: a guesser learns nothing.
    super('invitation (unknown, already used, revoked or expired)');
  }
}

@Injectable()
export class InvitationsService {
  constructor(
    private readonly invitations: InvitationsRepository,
    private readonly members: MembersRepository,
    private readonly mailer: InvitationMailer,
    private readonly keys: ApiKeysService,
    private readonly audit: AuditService,
    private readonly txHost: TransactionHost,
    private readonly logger: PinoLogger,
  ) {
    logger.setContext(InvitationsService.name);
  }

  /**
   * Records the invitation (retiring any earlier open one for the address) and mails it. The
   * row commits before the mail goes out, so the code in a delivered mail always works; a mail
   * that fails revokes the invitation again and the caller sees the connector's error.
   */
  async invite(caller: Principal, dto: { email: string; role: BuiltInRole; via?: InvitationConnector }, now = new Date()): Promise<InvitationRecord> {
    const via = await this.mailer.chooseConnector(caller.organizationId, dto.via);
    const token = `nhi_${randomBytes(32).toString('base64url')}`;
    const { invitation, letter } = await this.txHost.withTransaction(async () => {
      const actorRole = (await this.members.roleOf(caller.organizationId, caller.userId)) ?? 'none';
      assertRoleChangeAllowed({ actorRole, currentRole: null, nextRole: dto.role, owners: 1 });
      if (await this.members.findByEmail(caller.organizationId, dto.email)) throw new ConflictError(`${dto.email} is already a member of this organization`);
      await this.invitations.revokeOpenFor(caller.organizationId, dto.email, now);
      const created = await this.invitations.create({
        id: randomUUID(),
        organizationId: caller.organizationId,
        email: dto.email,
        role: dto.role,
        tokenHash: hashApiKey(token),
        invitedByUserId: caller.userId,
        deliveredVia: via,
        expiresAt: new Date(now.getTime() + INVITATION_TTL_MS),
      });
      await this.audit.record({ action: 'member.invited', targetType: 'invitation', targetId: created.id, metadata: { email: dto.email, role: dto.role, via } });
      const names = await this.members.inviterOf(caller.organizationId, caller.userId);
      return { invitation: created, letter: { ...names, invitationId: created.id, to: dto.email, role: dto.role, token, expiresAt: created.expiresAt } };
    });
    try {
      await this.mailer.send(caller.organizationId, via, letter);
    } catch (error) {
      await this.invitations.revoke(caller.organizationId, invitation.id, new Date());
      this.logger.warn({ invitationId: invitation.id, via, reason: (error as Error).message }, 'invitation mail failed; invitation revoked');
      throw error;
    }
    this.logger.info({ invitationId: invitation.id, via }, 'invitation sent');
    return invitation;
  }

  async list(organizationId: string, query: { limit?: number; cursor?: string }): Promise<{ items: InvitationRecord[]; nextCursor: string | null }> {
    const limit = query.limit ?? DEFAULT_PAGE;
    const rows = await this.invitations.list(organizationId, { limit, ...(query.cursor ? { after: decodeCursor(query.cursor) } : {}) });
    const items = rows.slice(0, limit);
    return { items, nextCursor: rows.length > limit ? encodeCursor(items[items.length - 1]) : null };
  }

  /** Idempotent: revoking a revoked invitation succeeds; an accepted one cannot be revoked (409). */
  @Transactional()
  async revoke(caller: Principal, id: string): Promise<void> {
    const invitation = await this.invitations.find(caller.organizationId, id);
    if (!invitation) throw new NotFoundError('invitation', id);
    if (invitation.acceptedAt) throw new ConflictError(`invitation ${id} was already accepted; remove the member instead`);
    if (invitation.revokedAt) return;
    await this.invitations.revoke(caller.organizationId, id, new Date());
    await this.audit.record({ action: 'member.invitation_revoked', targetType: 'invitation', targetId: id, metadata: { email: invitation.email } });
  }

  /**
   * The invitee's answer: their user (created, or the one they already have), the membership with
   * the invited role, and their first API key, shown once. One transaction: a half-accepted
   * invitation cannot exist.
   */
  @Transactional()
  async accept(token: string, name: string, now = new Date()): Promise<{ member: MemberRecord; apiKey: string; keyId: string }> {
    const tokenHash = hashApiKey(token);
    const invitation = await this.invitations.findOpenByTokenHash(tokenHash, now);
    if (!invitation) throw new InvitationNotFoundError();
    const user = await this.members.ensureUser(invitation.email, name);
    if (await this.members.findByEmail(invitation.organizationId, invitation.email)) throw new ConflictError(`${invitation.email} is already a member of this organization`);
    if (!(await this.invitations.claim(tokenHash, user.id, now))) throw new InvitationNotFoundError();
    const member = await this.members.add(invitation.organizationId, user.id, await this.members.ensureRole(invitation.organizationId, invitation.role));
    const owner = { organizationId: invitation.organizationId, userId: user.id };
    const { key, plaintext } = await this.keys.issue(owner, 'first key', []);
    await this.audit.record({
      action: 'member.joined',
      targetType: 'member',
      targetId: member.id,
      organizationId: invitation.organizationId,
      metadata: { invitationId: invitation.id, userId: user.id, role: invitation.role },
    });
    this.logger.info({ invitationId: invitation.id, memberId: member.id }, 'invitation accepted');
    return { member, apiKey: plaintext, keyId: key.id };
  }
}
