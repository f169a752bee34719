import { MAX_BODY_LENGTH, MAX_RECIPIENTS, MAX_SUBJECT_LENGTH } from '../../../src/modules/connectors/providers/email-common/send-email.dto';

/** send_email inputs every email provider (SMTP, Gmail, Outlook) must accept, mock and real alike. */
export const EMAIL_CONTRACT_VALID: object[] = [
  { to: ['jane@example.com'], subject: 'Spring sale', text: 'Our spring sale is live.' },
  { to: ['jane@example.com', 'joe@example.org'], cc: ['ops@example.com'], subject: 'Spring sale — 20 % off', html: '<p>Our <b>spring</b> sale is live.</p>', replyTo: 'care@brand.example' },
  { to: ['jane@example.com'], subject: 'Both bodies', text: 'Plain version', html: '<p>HTML version</p>' },
];

/** ...and inputs every one of them must refuse before anything is sent. */
export const EMAIL_CONTRACT_INVALID: object[] = [
  {},
  { to: [], subject: 'Nobody', text: 'x' },
  { to: 'jane@example.com', subject: 'Not an array', text: 'x' },
  { to: ['not-an-email'], subject: 'Bad address', text: 'x' },
  { to: Array.from({ length: MAX_RECIPIENTS + 1 }, (_, i) => `r${i}@example.com`), subject: 'Too many', text: 'x' },
  { to: ['jane@example.com'], cc: ['nope'], subject: 'Bad cc', text: 'x' },
  { to: ['jane@example.com'], subject: 'No body' },
  { to: ['jane@example.com'], subject: 'Empty body', text: '' },
  { to: ['jane@example.com'], subject: '', text: 'x' },
  { to: ['jane@example.com'], subject: 'x'.repeat(MAX_SUBJECT_LENGTH + 1), text: 'x' },
  { to: ['jane@example.com'], subject: 'Injected\r\nBcc: all@example.com', text: 'x' },
  { to: ['jane@example.com'], subject: 'Too long', html: 'x'.repeat(MAX_BODY_LENGTH + 1) },
  { to: ['jane@example.com'], subject: 'Bad reply-to', text: 'x', replyTo: 'nope' },
  { to: ['jane@example.com'], subject: 'Unknown field', text: 'x', bcc: ['hidden@example.com'] },
];

/** list_recent_messages inputs (Gmail, Outlook): the valid ones all find something in the mock and the fakes. */
export const LIST_CONTRACT_VALID: object[] = [{}, { maxResults: 1 }, { maxResults: 50, query: 'jane@example.com' }];

export const LIST_CONTRACT_INVALID: object[] = [{ maxResults: 0 }, { maxResults: 51 }, { maxResults: '10' }, { maxResults: 2.5 }, { query: '' }, { query: 'x'.repeat(501) }, { labelIds: ['INBOX'] }];
