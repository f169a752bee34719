import { isEmail } from 'class-validator';
import { InvalidEmailError, InvalidPhoneNumberError } from './audience-errors';

/**
 * Trimmed and lower-cased whole. RFC 5321 lets a server treat the local part's case as
 * significant, but none of the mailbox providers our recipients use do, and the column is citext:
 * one spelling per person is what makes the unique index and opt-outs hold.
 */
export function normalizeEmail(address: string): string {
  const normalized = address.trim().toLowerCase();
  if (!isEmail(normalized)) throw new InvalidEmailError();
  return normalized;
}

/** What people type around the digits; anything else (letters, dots, extensions) is refused, not guessed at. */
const PHONE_PUNCTUATION = /[ ()-]/g;
const PHONE_INPUT = /^\+[\d ()-]+$/;
/** ITU-T E.164: a +, a country code that never starts with 0, and at most 15 digits in all. */
const E164 = /^\+[1-9]\d{7,14}$/;

/**
 * A phone number in E.164 form (+14155550100), the only form SMS providers take. The leading +
 * is required: without the country code, 4155550100 could as well be a Swiss number, and a
 * wrong guess texts a stranger.
 */
export function normalizePhone(number: string): string {
  const trimmed = number.trim();
  if (!PHONE_INPUT.test(trimmed)) throw new InvalidPhoneNumberError();
  const normalized = trimmed.replace(PHONE_PUNCTUATION, '');
  if (!E164.test(normalized)) throw new InvalidPhoneNumberError();
  return normalized;
}

/**
 * Replies that opt a recipient out of SMS. The CTIA Messaging Principles and Best Practices ask
 * senders to honour STOP and its common synonyms; these are the words Twilio itself acts on
 * ("Twilio support for opt-out keywords (SMS STOP filtering)" and its Advanced Opt-Out guide),
 * REVOKE and OPTOUT included since the FCC's revocation-of-consent rule (47 CFR 64.1200, in force
 * April 2025). Twilio blocks the number on any of them, so our list must match: otherwise we
 * would keep as subscribed a recipient Twilio already refuses to reach.
 */
export const STOP_KEYWORDS: ReadonlySet<string> = new Set(['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'REVOKE', 'OPTOUT']);

/** Replies that opt a recipient back in, as Twilio honours them. */
export const START_KEYWORDS: ReadonlySet<string> = new Set(['START', 'UNSTOP', 'YES']);

/**
 * Carriers and Twilio act only on a keyword that is the whole message (case-insensitive, spaces
 * around it ignored): "STOP" opts out, "please stop texting me" does not.
 */
export function isStopKeyword(text: string): boolean {
  return STOP_KEYWORDS.has(keyword(text));
}

export function isStartKeyword(text: string): boolean {
  return START_KEYWORDS.has(keyword(text));
}

function keyword(text: string): string {
  return text.trim().toUpperCase();
}
