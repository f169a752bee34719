import { Injectable } from '@nestjs/common';
import { Transactional } from '@nestjs-cls/transactional';
import { PinoLogger } from 'nestjs-pino';
import { NotFoundError } from '../../common/errors/domain-errors';
import type { Principal } from '../api-keys/api-keys.service';
import { ApiKeysService } from '../api-keys/api-keys.service';
import { AuditService } from '../audit/audit.service';
import type { BuiltInRole } from '../auth/permissions/permissions';
import { decodeCursor, encodeCursor } from '../../common/validation/page-cursor';
import { assertRoleChangeAllowed } from './member-roles';
import { MemberRecord, MembersRepository } from './members.repository';

const DEFAULT_PAGE = 50;

/** The organization's members: list, change a role, remove; every change audited in its transaction. */
@Injectable()
export class MembersService {
  constructor(
    private readonly members: MembersRepository,
    private readonly keys: ApiKeysService,
    private readonly audit: AuditService,
    private readonly logger: PinoLogger,
  ) {
    logger.setContext(MembersService.name);
  }

  async list(organizationId: string, query: { limit?: number; cursor?: string; role?: string }): Promise<{ items: MemberRecord[]; nextCursor: string | null }> {
    const limit = query.limit ?? DEFAULT_PAGE;
    const rows = await this.members.list(organizationId, { limit, ...(query.cursor ? { after: decodeCursor(query.cursor) } : {}) }, query.role);
    const items = rows.slice(0, limit);
    return { items, nextCursor: rows.length > limit ? encodeCursor(items[items.length - 1]) : null };
  }

  async get(organizationId: string, id: string): Promise<MemberRecord> {
    const member = await this.members.find(organizationId, id);
    if (!member) throw new NotFoundError('member', id);
    return member;
  }

  @Transactional()
  async changeRole(caller: Principal, id: string, role: BuiltInRole): Promise<MemberRecord> {
    const { member, actorRole, owners } = await this.loadForChange(caller, id);
    if (member.role.name === role) return member;
    assertRoleChangeAllowed({ actorRole, currentRole: member.role.name, nextRole: role, owners });
    const updated = await this.members.setRole(caller.organizationId, id, await this.members.ensureRole(caller.organizationId, role));
    await this.audit.record({
      action: 'member.role_changed',
      targetType: 'member',
      targetId: id,
      metadata: { userId: member.user.id },
      before: { role: member.role.name },
      after: { role },
    });
    this.logger.info({ memberId: id, userId: member.user.id, role }, 'member role changed');
    return updated;
  }

  /** The membership ends and, with it, every key its user held in this organization. */
  @Transactional()
  async remove(caller: Principal, id: string): Promise<void> {
    const { member, actorRole, owners } = await this.loadForChange(caller, id);
    assertRoleChangeAllowed({ actorRole, currentRole: member.role.name, nextRole: null, owners });
    await this.members.remove(caller.organizationId, id);
    const revokedKeys = await this.keys.revokeAllForMember(caller.organizationId, member.user.id);
    await this.audit.record({
      action: 'member.removed',
      targetType: 'member',
      targetId: id,
      metadata: { userId: member.user.id, revokedKeys },
      before: { role: member.role.name },
    });
    this.logger.info({ memberId: id, userId: member.user.id, revokedKeys }, 'member removed');
  }

  private async loadForChange(caller: Principal, id: string): Promise<{ member: MemberRecord; actorRole: string; owners: number }> {
    // Owners first, locked: the count the last-owner rule reads cannot change under it.
    const owners = await this.members.lockOwners(caller.organizationId);
    const member = await this.get(caller.organizationId, id);
    const actorRole = (await this.members.roleOf(caller.organizationId, caller.userId)) ?? 'none';
    return { member, actorRole, owners };
  }
}
