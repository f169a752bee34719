import { NotFoundError } from '../../common/errors/domain-errors';
import { validatePlain } from '../../common/validation/validate-plain';
import { normalizePhone } from '../audience/addresses';
import { LeadsService } from '../audience/leads/leads.service';
import { SuppressionsService } from '../audience/suppressions/suppressions.service';
import { ToolProvider } from '../tools/tool.decorator';
import type { ToolAction, ToolCallContext, ToolDefinition } from '../tools/tool.types';
import { SmsAudienceToolInput } from './dto/sms-tool.dto';
import { SmsMessagesRepository } from './persistence/sms-messages.repository';
import { resolveAudience, type SmsAudience } from './sms-audience';
import { MESSAGE_CHANNEL } from './sms-channel';

export const SMS_TOOL = 'sms';
export const AUDIENCE_ACTION = 'audience';

export interface SmsAudienceOutput extends SmsAudience {
  /** When suppressions were read: the instant a stage decides quiet hours from, the same on every replay. */
  checkedAt: string;
}

/**
 * What the SMS agents read before they text, as one recorded step: the step log shows who was
 * skipped and why, and a resumed run decides on what it read the first time (including the time).
 */
@ToolProvider()
export class SmsTool implements ToolDefinition {
  readonly name = SMS_TOOL;
  readonly description = 'Text message audiences: who may be texted now, and in which time zone';
  readonly actions: Record<string, ToolAction>;

  constructor(private readonly leads: LeadsService, private readonly suppressions: SuppressionsService, private readonly messages: SmsMessagesRepository) {
    this.actions = {
      [AUDIENCE_ACTION]: {
        description: 'Input {channel: sms|whatsapp, recipients? (E.164 numbers), leadIds?, campaignId?}; returns {recipients: [{to, leadId, timezone}], skipped: [{recipient, reason}], checkedAt}',
        input: SmsAudienceToolInput,
        execute: (input, context) => this.audience(input, context),
      },
    };
  }

  private async audience(raw: Record<string, unknown>, context: ToolCallContext): Promise<SmsAudienceOutput> {
    const input = await validatePlain(SmsAudienceToolInput, raw, 'input', `${SMS_TOOL}.${AUDIENCE_ACTION} input`);
    const organizationId = context.organizationId;
    if (input.campaignId && !(await this.messages.campaignExists(organizationId, input.campaignId))) throw new NotFoundError('campaign', input.campaignId);
    const numbers = input.recipients ?? [];
    const leadIds = input.leadIds ?? [];
    const contacts = await this.leads.phoneContacts(organizationId, leadIds, numbers.map(normalizePhone));
    const phones = [...new Set([...numbers.map(normalizePhone), ...contacts.flatMap((c) => (c.phone ? [c.phone] : []))])];
    const suppressed = phones.length ? await this.suppressions.suppressedAmong(organizationId, MESSAGE_CHANNEL[input.channel], phones) : [];
    return { ...resolveAudience(numbers, leadIds, contacts, new Set(suppressed)), checkedAt: new Date().toISOString() };
  }
}
