import { createHash } from 'node:crypto';
import type { MockActionContext, MockBehaviour } from '../../connector-definition';
import type { WhatsAppSendMessageInput, WhatsAppSendTemplateInput } from './dto';
import type { WhatsAppSendOutput } from './manifest';

/**
 * The Cloud API answers a send with the recipient's WhatsApp id and a wamid (base64 of an
 * opaque binary id); the mock derives both from the input and the sequence.
 */
function accepted(to: string, context: MockActionContext): WhatsAppSendOutput {
  const waId = to.replace(/^\+/, '');
  const opaque = createHash('sha256').update(context.deterministicId('wamid')).digest().subarray(0, 18);
  return { messageId: `wamid.HBgL${Buffer.concat([Buffer.from(waId), opaque]).toString('base64')}`, to, waId };
}

export const whatsappMock: MockBehaviour = {
  send_message: (raw, context) => accepted((raw as unknown as WhatsAppSendMessageInput).to, context),
  send_template: (raw, context) => accepted((raw as unknown as WhatsAppSendTemplateInput).to, context),
};
