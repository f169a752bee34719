import { validatePlain } from '../../common/validation/validate-plain';
import { CONNECTOR_DEFINITIONS } from '../connectors/providers';
import { fitText, providerMessageId, replyCall, replySubject } from './support-channels';

/** The reply's input must be one the connector accepts: validated with the connector's own DTO. */
async function acceptedBy(connector: string, action: string, input: Record<string, unknown>): Promise<object> {
  const dto = CONNECTOR_DEFINITIONS.find((d) => d.manifest.key === connector)!.manifest.actions.find((a) => a.name === action)!.input;
  return validatePlain(dto, input, 'input', `${connector}.${action}`);
}

describe(replyCall.name, () => {
  it('should answer in the Slack thread: the channel and the thread ts from the thread id', async () => {
    const sut = replyCall({ channel: 'slack', threadId: 'C02MARKETNG:1712345678.000100', from: 'U061F7AUR' }, 'Hello', 'smtp');

    expect(sut).toEqual({ connector: 'slack', action: 'send_message', input: { channel: 'C02MARKETNG', text: 'Hello', threadTs: '1712345678.000100' }, body: 'Hello', to: 'C02MARKETNG:1712345678.000100', subject: null });
    await expect(acceptedBy(sut.connector, sut.action, sut.input)).resolves.toBeDefined();
  });

  it("should post in the Discord thread's channel, cut to Discord's 2,000 characters", async () => {
    const sut = replyCall({ channel: 'discord', threadId: '1187654321098765432', from: 'maya.designs' }, 'word '.repeat(1_000), 'smtp');

    expect(sut.input).toMatchObject({ channelId: '1187654321098765432' });
    expect((sut.input.content as string).length).toBeLessThanOrEqual(2_000);
    expect(sut.input.content).toMatch(/word…$/);
    await expect(acceptedBy(sut.connector, sut.action, sut.input)).resolves.toBeDefined();
  });

  it("should message the customer's WhatsApp number", async () => {
    const sut = replyCall({ channel: 'whatsapp', threadId: '+14155550123', from: '+14155550123' }, 'Hi', 'smtp');

    expect(sut).toMatchObject({ connector: 'whatsapp', action: 'send_message', input: { to: '+14155550123', text: 'Hi' } });
    await expect(acceptedBy(sut.connector, sut.action, sut.input)).resolves.toBeDefined();
  });

  it.each(['gmail', 'outlook', 'smtp'] as const)('should email the sender through %s with a Re: subject', async (connector) => {
    const sut = replyCall({ channel: 'email', threadId: '18f3a2b4c5d6e7f8', from: 'jane@example.com', subject: 'Shipping to Berlin' }, 'Hi Jane', connector);

    expect(sut).toMatchObject({ connector, action: 'send_email', input: { to: ['jane@example.com'], subject: 'Re: Shipping to Berlin', text: 'Hi Jane' }, to: 'jane@example.com', subject: 'Re: Shipping to Berlin' });
    await expect(acceptedBy(sut.connector, sut.action, sut.input)).resolves.toBeDefined();
  });
});

describe(replySubject.name, () => {
  it('should prefix Re: once, keep one line, and name a subjectless email', () => {
    expect(replySubject('Order 1042')).toBe('Re: Order 1042');
    expect(replySubject('RE: Order 1042')).toBe('RE: Order 1042');
    expect(replySubject('a\r\nBcc: x@example.com')).toBe('Re: a Bcc: x@example.com');
    expect(replySubject(undefined)).toBe('Re: your message');
  });
});

describe(providerMessageId.name, () => {
  it("should read each provider's id of the sent message", () => {
    expect(providerMessageId('slack', { channel: 'C1', ts: '1712345678.000100' })).toBe('1712345678.000100');
    expect(providerMessageId('discord', { id: '1187654321098765433' })).toBe('1187654321098765433');
    expect(providerMessageId('whatsapp', { messageId: 'wamid.X' })).toBe('wamid.X');
    expect(providerMessageId('gmail', { id: '18f3a2b4c5d6e7f8', threadId: 't' })).toBe('18f3a2b4c5d6e7f8');
    expect(providerMessageId('outlook', { accepted: true, requestId: 'r-1' })).toBe('r-1');
    expect(providerMessageId('smtp', { messageId: '<a@b>' })).toBe('<a@b>');
    expect(providerMessageId('slack', {})).toBeNull();
  });
});

describe(fitText.name, () => {
  it('should keep a text that fits and cut a long one at a word, with an ellipsis, within the limit', () => {
    expect(fitText('short', 10)).toBe('short');
    expect(fitText('one two three four', 10)).toBe('one two…');
    expect(fitText('x'.repeat(20), 10)).toBe(`${'x'.repeat(9)}…`);
  });
});
