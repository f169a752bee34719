import { NotFoundError } from '../../../common/errors/domain-errors';

/** Another organization's suppression is not found either: ids leak nothing. */
export class SuppressionNotFoundError extends NotFoundError {
  constructor(id: string) {
    super('suppression', id);
  }
}
