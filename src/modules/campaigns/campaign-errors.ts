import { ConflictError, NotFoundError } from '../../common/errors/domain-errors';

/** Another organization's campaign and a missing one are one answer: ids leak nothing. */
export class CampaignNotFoundError extends NotFoundError {
  constructor(id: string) {
    super('campaign', id);
  }
}

export class CampaignNotLaunchableError extends ConflictError {
  constructor(id: string, status: string) {
    super(`campaign ${id} is ${status}: only a DRAFT campaign, or one whose launch failed, can be launched`);
  }
}

export class CampaignNotEditableError extends ConflictError {
  constructor(id: string, status: string) {
    super(`campaign ${id} is ${status}: its goal, audience and channels are fixed once launched`);
  }
}

/** A brand or persona named by a campaign that is not the organization's. */
export class CampaignReferenceNotFoundError extends NotFoundError {
  constructor(kind: 'brand' | 'persona', id: string) {
    super(kind, id);
  }
}
