import { ListRecentEmailsDto } from '../email-common/list-recent-emails.dto';
import { SendEmailDto } from '../email-common/send-email.dto';

/** Graph's sendMail carries one body: the HTML one when given (Exchange derives the plain part), else the text. */
export class OutlookSendEmailDto extends SendEmailDto {}

/** GET /me/messages; `query` goes to Graph's $search (KQL, e.g. `from:jane@example.com`). */
export class OutlookListRecentMessagesDto extends ListRecentEmailsDto {}
