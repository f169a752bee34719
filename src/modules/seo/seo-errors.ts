import { ConflictError, NotFoundError } from '../../common/errors/domain-errors';
import { ClassifiedError } from '../../infra/resilience/classified-error';

/** Neither the run's input nor the agent's configuration names a Search Console property: another attempt cannot help. */
export class SiteUrlMissingError extends ClassifiedError {
  readonly statusCode = 422;
  readonly category = 'MISCONFIGURED';
  readonly retryable = false;

  constructor() {
    super("no Search Console property to analyse: pass input.siteUrl, or set siteUrl in the seo agent's configuration settings");
  }
}

/** A keyword that does not exist or is another organization's: one answer, so ids leak nothing. */
export class KeywordNotFoundError extends NotFoundError {
  constructor(id: string) {
    super('keyword', id);
  }
}

/** Terms are unique per organization regardless of case ("Cold Brew" is "cold brew"). */
export class DuplicateKeywordError extends ConflictError {
  constructor(term: string) {
    super(`the keyword ${JSON.stringify(term)} already exists (terms are compared without case)`);
  }
}

export class EditorialEntryNotFoundError extends NotFoundError {
  constructor(id: string) {
    super('editorial entry', id);
  }
}

/** The calendar's statuses move forward one step at a time; any open entry may be dropped. */
export class EditorialTransitionError extends ConflictError {
  constructor(from: string, to: string) {
    super(`an editorial entry cannot move from ${from} to ${to} (PROPOSED -> PLANNED -> IN_PROGRESS -> DONE; any but DROPPED -> DROPPED)`);
  }
}

/** A brand that does not exist or is another organization's. */
export class SeoBrandNotFoundError extends NotFoundError {
  constructor(id: string) {
    super('brand', id);
  }
}
