import { ConflictError, DomainError } from '../../common/errors/domain-errors';

export class PayloadTooLargeError extends DomainError {
  readonly statusCode = 413;
}

export class UnsupportedMediaTypeError extends DomainError {
  readonly statusCode = 415;
}

export class DatasetNameTakenError extends ConflictError {
  constructor(name: string) {
    super(`a dataset named "${name}" already exists in this organization`);
  }
}

/** A re-ingest waits for the one in progress: two would race over the same document version. */
export class DocumentBusyError extends ConflictError {
  constructor(documentId: string, status: string) {
    super(`document ${documentId} is being ingested (${status}); send it again once it is READY or FAILED`);
  }
}
