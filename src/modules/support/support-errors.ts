import { NotFoundError } from '../../common/errors/domain-errors';

/** A conversation that does not exist or belongs to another organization: one answer, so ids leak nothing. */
export class ConversationNotFoundError extends NotFoundError {
  constructor(conversationId: string) {
    super('conversation', conversationId);
  }
}
