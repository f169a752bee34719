import { ConnectorKind } from '../../../../generated/prisma/enums';
import type { ConnectorManifest } from '../../connector.types';
import { WhatsAppSendMessageInput, WhatsAppSendTemplateInput } from './dto';

/** The Cloud API's answer to POST /{phone-number-id}/messages, flattened. */
export interface WhatsAppSendOutput {
  /** wamid.…: the id status webhooks refer to. */
  messageId: string;
  to: string;
  /** The recipient's WhatsApp id (the number without the plus). */
  waId: string;
}

const example: WhatsAppSendOutput = { messageId: 'wamid.HBgLMTQxNTU1NTAxMjMVAgARGBI1RjQyNUE3NEYxMzAzMzQ5MkEA', to: '+14155550123', waId: '14155550123' };

export const whatsappManifest: ConnectorManifest = {
  key: 'whatsapp',
  displayName: 'WhatsApp Business',
  kind: ConnectorKind.WHATSAPP,
  // A system-user access token from Meta Business settings, set through the credentials API.
  authType: 'api_key',
  scopes: ['whatsapp_business_messaging'],
  // The Cloud API's default throughput: 80 messages per second per business phone number.
  rateLimit: { requests: 80, perSeconds: 1 },
  realAvailable: false,
  // The Cloud API takes no idempotency key: a send that may have landed is never repeated.
  idempotentWrites: false,
  defaultBaseUrl: 'https://graph.facebook.com/v21.0',
  secretFields: ['accessToken'],
  metadataFields: ['phoneNumberId'],
  actions: [
    {
      name: 'send_message',
      description: 'Send a free-form text message (only within 24 hours of the customer\'s last message)',
      effect: 'write',
      input: WhatsAppSendMessageInput,
      outputExample: example,
    },
    {
      name: 'send_template',
      description: 'Send an approved template message (marketing or utility), allowed at any time',
      effect: 'write',
      input: WhatsAppSendTemplateInput,
      outputExample: example,
    },
  ],
};
