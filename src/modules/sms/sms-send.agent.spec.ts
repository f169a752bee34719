import type { EffectiveAgentConfig } from '../agent-config/agent-config.types';
import type { AgentRunContext } from '../agents/agent.types';
import { ConnectorError } from '../connectors/connector-error';
import { strictDouble, strictMock } from '../../../test/support/strict-double';
import type { SmsMessagesRepository } from './persistence/sms-messages.repository';
import { SmsSendAgent } from './sms-send.agent';
import type { SmsSendInput } from './sms-send.input';
import { UnsupportedSmsConnectorError } from './sms-errors';

const TO = '+14155550100';
const RUN = '7f0c2d9e-0b7a-4c51-9d3e-2b8f6a1c4e10';
const PARENT = '1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e';
/** 23:30 in New York (UTC-5 in January): inside the default quiet hours, which end at 08:00 local, 13:00 UTC. */
const LATE_EVENING = '2026-01-15T04:30:00.000Z';
const NOON_IN_NEW_YORK = '2026-01-15T17:00:00.000Z';

const config = (overrides: Partial<EffectiveAgentConfig> = {}): EffectiveAgentConfig => ({
  agent: 'sms', enabled: true, model: null, temperature: null, brandId: null, connections: {}, approvalPolicies: {}, promptHints: [], settings: {}, version: 0, ...overrides,
});

/** A run's context whose tools answer from `answers` (`tool.action` -> output or error), recording calls and commits. */
function contextWith(answers: Record<string, unknown>) {
  const calls: string[] = [];
  const commits: Array<() => Promise<void>> = [];
  const sleepUntil = jest.fn(async (_until: Date) => undefined);
  const context = strictDouble<AgentRunContext>('context', {
    runId: RUN,
    organizationId: 'org-1',
    tools: {
      call: async <T>(tool: string, action: string, input: Record<string, unknown>): Promise<T> => {
        calls.push(`${tool}.${action} ${JSON.stringify(input)}`);
        const answer = answers[`${tool}.${action}`];
        if (answer === undefined) throw new Error(`unexpected call to ${tool}.${action}`);
        if (answer instanceof Error) throw answer;
        return (typeof answer === 'function' ? answer() : answer) as T;
      },
    },
    sleepUntil,
    onCommit: (write) => commits.push(write),
    usage: () => ({ inputTokens: 0, outputTokens: 0, costUsd: 0, unpricedCalls: 0 }),
  });
  return { context, calls, commits, sleepUntil };
}

const reachable = (checkedAt: string, timezone: string | null = 'America/New_York') => ({ recipients: [{ to: TO, leadId: null, timezone }], skipped: [], checkedAt });
const input = (overrides: Partial<SmsSendInput> = {}): SmsSendInput => ({ channel: 'sms', to: TO, body: 'Huila is back this weekend.', parentRunId: PARENT, ...overrides });

describe(SmsSendAgent.name, () => {
  let messages: ReturnType<typeof strictMock<SmsMessagesRepository, 'recordOutbound'>>;
  let sut: SmsSendAgent;

  beforeEach(() => {
    messages = strictMock<SmsMessagesRepository, 'recordOutbound'>('messages', ['recordOutbound']);
    messages.recordOutbound.mockResolvedValue(true);
    sut = new SmsSendAgent(messages);
  });

  it('should send at once outside quiet hours and record one SENT row keyed by the composing run and number', async () => {
    const { context, calls, commits, sleepUntil } = contextWith({
      'agent_config.read': config(),
      'sms.audience': reachable(NOON_IN_NEW_YORK),
      'twilio.send_sms': { sid: 'SM0123', status: 'queued', to: TO, from: '+15005550006', numSegments: 1 },
    });

    const output = await sut.run(input(), context);

    expect(output).toMatchObject({ status: 'SENT', providerMessageId: 'SM0123', encoding: 'GSM-7', segments: 1, timezone: 'America/New_York', waitedUntil: null, connector: 'twilio' });
    expect(calls).toEqual(['agent_config.read {"agent":"sms"}', `sms.audience {"channel":"sms","recipients":["${TO}"]}`, `twilio.send_sms {"to":"${TO}","body":"Huila is back this weekend."}`]);
    expect(sleepUntil).not.toHaveBeenCalled();
    await Promise.all(commits.map((write) => write()));
    expect(messages.recordOutbound).toHaveBeenCalledWith('org-1', expect.objectContaining({ id: output.messageId, status: 'SENT', dedupeKey: `sms:${PARENT}:${TO}`, from: '+15005550006', sentAt: expect.any(Date) }));
  });

  it('should decide quiet hours on the recorded check time, sleep until they end, and check the opt-out again before sending', async () => {
    const { context, calls, sleepUntil } = contextWith({
      'agent_config.read': config(),
      'sms.audience': reachable(LATE_EVENING),
      'audience.suppressed': { suppressed: [], checkedAt: '2026-01-15T13:00:01.000Z' },
      'twilio.send_sms': { sid: 'SM0456', status: 'queued', to: TO, from: '+15005550006', numSegments: 1 },
    });

    const output = await sut.run(input(), context);

    expect(sleepUntil).toHaveBeenCalledWith(new Date('2026-01-15T13:00:00.000Z'));
    expect(calls[2]).toBe(`audience.suppressed {"channel":"SMS","addresses":["${TO}"]}`);
    expect(output).toMatchObject({ status: 'SENT', waitedUntil: '2026-01-15T13:00:00.000Z' });
  });

  it('should send nothing and record SUPPRESSED when the recipient opted out while the run waited', async () => {
    const { context, calls, commits } = contextWith({
      'agent_config.read': config(),
      'sms.audience': reachable(LATE_EVENING),
      'audience.suppressed': { suppressed: [TO], checkedAt: '2026-01-15T13:00:01.000Z' },
    });

    const output = await sut.run(input({ campaignId: '2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f' }), context);

    expect(output).toMatchObject({ status: 'SUPPRESSED', providerMessageId: null });
    expect(calls.some((call) => call.startsWith('twilio.'))).toBe(false);
    await Promise.all(commits.map((write) => write()));
    expect(messages.recordOutbound).toHaveBeenCalledWith('org-1', expect.objectContaining({ status: 'SUPPRESSED', campaignId: '2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f', sentAt: null }));
  });

  it('should record SUPPRESSED without waiting when the number is suppressed from the start', async () => {
    const { context, sleepUntil } = contextWith({ 'agent_config.read': config(), 'sms.audience': { recipients: [], skipped: [{ recipient: TO, reason: 'suppressed' }], checkedAt: LATE_EVENING } });

    expect(await sut.run(input(), context)).toMatchObject({ status: 'SUPPRESSED', waitedUntil: null });
    expect(sleepUntil).not.toHaveBeenCalled();
  });

  it('should follow the configured quiet hours, default zone and WhatsApp connector', async () => {
    const { context, calls, sleepUntil } = contextWith({
      'agent_config.read': config({ settings: { quietHours: { start: '00:00', end: '00:00' }, defaultTimezone: 'Asia/Tokyo' } }),
      'sms.audience': reachable(LATE_EVENING, null),
      'whatsapp.send_message': { messageId: 'wamid.X', to: TO, waId: '14155550100' },
    });

    const output = await sut.run(input({ channel: 'whatsapp' }), context);

    expect(sleepUntil).not.toHaveBeenCalled();
    expect(calls[2]).toBe(`whatsapp.send_message {"to":"${TO}","text":"Huila is back this weekend."}`);
    expect(output).toMatchObject({ status: 'SENT', providerMessageId: 'wamid.X', timezone: 'Asia/Tokyo', encoding: null, segments: null, connector: 'whatsapp' });
  });

  it('should record FAILED when the provider refuses for good, and leave a passing failure to the engine to retry', async () => {
    const revoked = contextWith({ 'agent_config.read': config(), 'sms.audience': reachable(NOON_IN_NEW_YORK), 'twilio.send_sms': new ConnectorError('REAUTH_REQUIRED', 'twilio: access was revoked') });
    expect(await sut.run(input(), revoked.context)).toMatchObject({ status: 'FAILED', error: 'twilio: access was revoked' });

    const limited = contextWith({ 'agent_config.read': config(), 'sms.audience': reachable(NOON_IN_NEW_YORK), 'twilio.send_sms': new ConnectorError('RATE_LIMITED', 'twilio: rate limited') });
    await expect(sut.run(input(), limited.context)).rejects.toMatchObject({ category: 'RATE_LIMITED' });
    expect(limited.commits).toHaveLength(0);
  });

  it('should refuse a configured connector that does not send the channel', async () => {
    const { context } = contextWith({ 'agent_config.read': config({ connections: { sms: 'slack' } }) });

    await expect(sut.run(input(), context)).rejects.toBeInstanceOf(UnsupportedSmsConnectorError);
  });
});
