import { ConflictError, NotFoundError, ValidationFailedError } from '../../common/errors/domain-errors';
import type { SocialPostStatus } from '../../generated/prisma/enums';
import type { PostViolation, SocialNetwork } from './network-rules';
import { NETWORK_RULES } from './network-rules';

export class SocialPostNotFoundError extends NotFoundError {
  constructor(id: string) {
    super('social post', id);
  }
}

/** Published, failed or rejected: what happened to it is on record and stays as it was. */
export class SocialPostNotEditableError extends ConflictError {
  constructor(id: string, status: SocialPostStatus) {
    super(`social post ${id} is ${status}: only DRAFT and SCHEDULED posts can be changed`);
  }
}

export class PublishAtEarlierError extends ConflictError {
  constructor(id: string, scheduledFor: Date) {
    super(`social post ${id} is scheduled for ${scheduledFor.toISOString()} and its publication waits until then: it can be moved later, not earlier`);
  }
}

/** The post as changed breaks its network's rules: a 400 naming each violation, by the API's field names. */
export class SocialPostRulesError extends ValidationFailedError {
  constructor(network: SocialNetwork, violations: PostViolation[]) {
    const fields = [...new Set(violations.map((v) => (v.field === 'text' ? 'body' : v.field)))];
    super(fields, `invalid request: the post breaks ${NETWORK_RULES[network].name}'s rules: ${violations.map((v) => v.message).join('; ')}`);
  }
}
