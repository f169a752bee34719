import { ListRecentEmailsDto } from '../email-common/list-recent-emails.dto';
import { SendEmailDto } from '../email-common/send-email.dto';

/** users.messages.send: From is left out, Gmail sets the authorized account's address. */
export class GmailSendEmailDto extends SendEmailDto {}

/** users.messages.list (+ get per message); `query` is Gmail's search syntax (`q`). */
export class GmailListRecentMessagesDto extends ListRecentEmailsDto {}
