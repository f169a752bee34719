import { ConflictError, DomainError } from '../../common/errors/domain-errors';

export class LastOwnerError extends ConflictError {
  constructor(userId: string) {
    super(`user ${userId} is the organization's last owner; make another member owner before erasing their data`);
  }
}

export class SelfErasureError extends ConflictError {
  constructor() {
    super("a member's data is erased by another member holding data:erase, not with their own key");
  }
}

export class ExportNotReadyError extends ConflictError {
  constructor(id: string, status: string) {
    super(
      status === 'FAILED'
        ? `export ${id} is FAILED, not READY: its archive could not be built; request a new export`
        : `export ${id} is ${status}, not READY; download it once GET /v1/exports/${id} says READY`,
    );
  }
}

export class ExportExpiredError extends DomainError {
  readonly statusCode = 410;
  constructor(id: string) {
    super(`export ${id} has expired and its archive was deleted; request a new export`);
  }
}
