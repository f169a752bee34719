import { Injectable } from '@nestjs/common';
import { UnauthenticatedError } from '../../common/errors/domain-errors';
import type { Principal } from '../api-keys/api-keys.service';
import { MeResponse } from './dto/me.response';
import { MeRepository } from './me.repository';

@Injectable()
export class MeService {
  constructor(private readonly me: MeRepository) {}

  async describe(caller: Principal): Promise<MeResponse> {
    const membership = await this.me.findMembership(caller.organizationId, caller.userId);
    // The guard checked membership a moment ago; losing it since is the same as a bad key.
    if (!membership) throw new UnauthenticatedError();
    return { ...membership, role: { name: membership.role.name, permissions: membership.role.permissions }, apiKeyId: caller.apiKeyId };
  }
}
