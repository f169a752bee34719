import { ValidationFailedError } from '../../common/errors/domain-errors';
import { normalizeEmail, normalizePhone } from './addresses';

/** The channels an organization markets on to a person's own address: an email address, or a phone number (SMS, WhatsApp). */
export const AUDIENCE_CHANNELS = ['EMAIL', 'SMS', 'WHATSAPP'] as const;
export type AudienceChannel = (typeof AUDIENCE_CHANNELS)[number];

/**
 * One spelling per address (lower-cased email, E.164 phone), so a suppression written from a
 * bounce matches the address a later send names. The error names `field` (the caller's name for
 * the address), never the address itself.
 */
export function normalizeAddress(channel: AudienceChannel, address: string, field = 'address'): string {
  try {
    return channel === 'EMAIL' ? normalizeEmail(address) : normalizePhone(address);
  } catch (error) {
    if (error instanceof ValidationFailedError) throw new ValidationFailedError([field], error.message);
    throw error;
  }
}
