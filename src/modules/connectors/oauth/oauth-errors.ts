import { DomainError } from '../../../common/errors/domain-errors';

/** A callback whose state is missing, altered, expired, reused or meant for another connector: 400, and start again. */
export class InvalidOAuthStateError extends DomainError {
  readonly statusCode = 400;
}

/** The request is fine but this deployment cannot serve it as configured (no OAuth client registered). */
export class OAuthNotConfiguredError extends DomainError {
  readonly statusCode = 503;
}
