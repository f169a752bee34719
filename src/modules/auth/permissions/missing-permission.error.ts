import { ForbiddenError } from '../../../common/errors/domain-errors';

/** 403 naming the permission the caller lacks, so a client knows which right to ask for. */
export class MissingPermissionError extends ForbiddenError {
  constructor(readonly permission: string, reason?: string) {
    super(reason ? `missing permission ${permission}: ${reason}` : `missing permission ${permission}`);
  }
}
