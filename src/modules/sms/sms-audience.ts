import { normalizePhone } from '../audience/addresses';
import type { PhoneContact } from '../audience/leads/leads.repository';

export type SkipReason = 'suppressed' | 'duplicate' | 'lead_not_found' | 'lead_without_phone';

export interface SmsRecipient {
  /** E.164. */
  to: string;
  leadId: string | null;
  /** The lead's time zone, when the number is a lead's. */
  timezone: string | null;
}

export interface SkippedRecipient {
  /** The number, or the lead id that gave none. */
  recipient: string;
  reason: SkipReason;
}

export interface SmsAudience {
  recipients: SmsRecipient[];
  skipped: SkippedRecipient[];
}

/**
 * The recipients of a send, in the order given (numbers, then leads), each number once: leads
 * become their phone numbers, a number that is a lead's takes the lead's time zone, and what
 * cannot be texted is skipped with its reason. `suppressed` holds the normalized numbers that
 * must not be texted. Pure: the tool reads, this decides.
 */
export function resolveAudience(numbers: string[], leadIds: string[], contacts: PhoneContact[], suppressed: ReadonlySet<string>): SmsAudience {
  const byId = new Map(contacts.map((c) => [c.id, c]));
  const byPhone = new Map(contacts.filter((c) => c.phone !== null).map((c) => [c.phone!, c]));
  const candidates: Array<SmsRecipient | SkippedRecipient> = [
    ...numbers.map((number) => {
      const to = normalizePhone(number);
      const lead = byPhone.get(to);
      return { to, leadId: lead?.id ?? null, timezone: lead?.timezone ?? null };
    }),
    ...leadIds.map((id): SmsRecipient | SkippedRecipient => {
      const lead = byId.get(id);
      if (!lead) return { recipient: id, reason: 'lead_not_found' };
      if (!lead.phone) return { recipient: id, reason: 'lead_without_phone' };
      return { to: lead.phone, leadId: lead.id, timezone: lead.timezone };
    }),
  ];
  const audience: SmsAudience = { recipients: [], skipped: [] };
  const seen = new Set<string>();
  for (const candidate of candidates) {
    if ('reason' in candidate) audience.skipped.push(candidate);
    else if (seen.has(candidate.to)) audience.skipped.push({ recipient: candidate.to, reason: 'duplicate' });
    else if (suppressed.has(candidate.to)) {
      seen.add(candidate.to);
      audience.skipped.push({ recipient: candidate.to, reason: 'suppressed' });
    } else {
      seen.add(candidate.to);
      audience.recipients.push(candidate);
    }
  }
  return audience;
}
