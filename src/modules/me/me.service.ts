import { Injectable } from '@nestjs/common';
import { UnauthenticatedError } from '../../common/errors/domain-errors';
import type { Principal } from '../api-keys/api-keys.service';
import { permissionsOfRole } from '../auth/permissions/permissions';
import { MeResponse } from './dto/me.response';
import { MeRepository } from './me.repository';

@Injectable()
export class MeService {
  constructor(private readonly me: MeRepository) {}

  async describe(caller: Principal, keyPermissions: readonly string[]): Promise<MeResponse> {
    const membership = await this.me.findMembership(caller.organizationId, caller.userId);
    // The guard checked membership a moment ago; losing it since is the same as a bad key.
    if (!membership) throw new UnauthenticatedError();
    const role = { name: membership.role.name, permissions: permissionsOfRole(membership.role.name, membership.role.permissions) };
    return { ...membership, role, apiKeyId: caller.apiKeyId, permissions: [...keyPermissions] };
  }
}
