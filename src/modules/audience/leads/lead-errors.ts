import { ConflictError, NotFoundError } from '../../../common/errors/domain-errors';

/** Another organization's lead is not found either: ids leak nothing. */
export class LeadNotFoundError extends NotFoundError {
  constructor(id: string) {
    super('lead', id);
  }
}

/** Names the field, never the address: an address is a person's data and error messages get logged. */
export class DuplicateLeadError extends ConflictError {
  constructor(field: 'email' | 'phone') {
    super(`a lead with this ${field} already exists in the organization`);
  }
}
