import { ConflictError } from '../../../common/errors/domain-errors';

/**
 * Another run already holds this Idempotency-Key in the organization (two requests raced). Raised
 * by the ledger from the unique index, whichever client wrote the row, so the submission can
 * answer with the winner's run instead of depending on an ORM's error code.
 */
export class IdempotencyKeyTakenError extends ConflictError {
  constructor(readonly idempotencyKey: string) {
    super(`Idempotency-Key ${idempotencyKey} is already taken by another run`);
  }
}
