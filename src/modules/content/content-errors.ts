import { ConflictError, NotFoundError, UnprocessableError } from '../../common/errors/domain-errors';

/** Content that does not exist, was deleted, or is another organization's: one answer, so ids leak nothing. */
export class ContentNotFoundError extends NotFoundError {
  constructor(id: string) {
    super('content', id);
  }
}

/** A campaign named in an agent's input that is not the organization's. */
export class CampaignNotFoundError extends NotFoundError {
  constructor(id: string) {
    super('campaign', id);
  }
}

export class InvalidContentTransitionError extends ConflictError {
  constructor(from: string, to: string, allowed: readonly string[]) {
    super(`content cannot go from ${from} to ${to}; from ${from} it can go to ${allowed.length ? allowed.join(', ') : 'nothing'}`);
  }
}

/** What was approved (or published, or archived) is what stays: edits end with review. */
export class ContentNotEditableError extends ConflictError {
  constructor(status: string) {
    super(`content in ${status} cannot be edited; edits are allowed in DRAFT and IN_REVIEW`);
  }
}

/** The brand voice agent needs a brand: from its input, else its configuration. */
export class BrandRequiredError extends UnprocessableError {
  constructor(agent: string) {
    super(`agent ${agent} needs a brand: name brandId in the input, or configure the agent's brand`);
  }
}
