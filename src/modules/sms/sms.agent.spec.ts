import { ValidationFailedError } from '../../common/errors/domain-errors';
import type { EffectiveAgentConfig } from '../agent-config/agent-config.types';
import type { AgentRunContext } from '../agents/agent.types';
import type { ApprovalDecision, ApprovalRequest } from '../agents/run-waits';
import { strictDouble } from '../../../test/support/strict-double';
import { SmsAgent } from './sms.agent';
import type { SmsInput } from './sms.input';

const RUN = '7f0c2d9e-0b7a-4c51-9d3e-2b8f6a1c4e10';
const TEXT = 'Huila is back this weekend. Reply STOP to opt out.';

const config = (overrides: Partial<EffectiveAgentConfig> = {}): EffectiveAgentConfig => ({
  agent: 'sms', enabled: true, model: null, temperature: null, brandId: null, connections: {}, approvalPolicies: { 'sms.send': { mode: 'always' } }, promptHints: [], settings: {}, version: 1, ...overrides,
});

/** A compose run's context: tools answer from `answers`; `decision` answers the approval when one is asked. */
function contextWith(answers: Record<string, unknown>, decision?: Partial<ApprovalDecision>) {
  const calls: Array<{ name: string; input: Record<string, unknown> }> = [];
  const approvals: ApprovalRequest[] = [];
  let started = 0;
  const context = strictDouble<AgentRunContext>('context', {
    runId: RUN,
    tools: {
      call: async <T>(tool: string, action: string, input: Record<string, unknown>): Promise<T> => {
        const name = `${tool}.${action}`;
        calls.push({ name, input });
        if (name === 'runs.start') return { runId: `send-${++started}` } as T;
        if (!(name in answers)) throw new Error(`unexpected call to ${name}`);
        return answers[name] as T;
      },
    },
    approval: {
      request: async (request) => {
        approvals.push(request);
        if (!decision) throw new Error('unexpected approval request');
        return { approved: true, decision: 'approved', reviewer: 'user-1', decidedAt: '2026-01-15T12:00:00.000Z', ...decision };
      },
    },
    usage: () => ({ inputTokens: 0, outputTokens: 0, costUsd: 0, unpricedCalls: 0 }),
  });
  return { context, calls, approvals };
}

const audience = (recipients: Array<{ to: string; timezone: string | null }>, skipped: unknown[] = []) => ({
  recipients: recipients.map((r) => ({ ...r, leadId: null })),
  skipped,
  checkedAt: '2026-01-15T12:00:00.000Z',
});
const input = (overrides: Partial<SmsInput> = {}): SmsInput => ({ channel: 'sms', text: TEXT, recipients: ['+14155550100'], ...overrides });

describe(SmsAgent.name, () => {
  const sut = new SmsAgent();

  it('should neither compose nor ask anyone when every recipient is skipped', async () => {
    const skipped = [{ recipient: '+14155550100', reason: 'suppressed' }];
    const { context, calls, approvals } = contextWith({ 'agent_config.read': config(), 'sms.audience': audience([], skipped) });

    const output = await sut.run(input({ text: undefined, brief: 'Huila' }), context);

    expect(output).toMatchObject({ text: null, recipients: [], sendRunIds: [], skipped, approval: null });
    expect(calls.map((c) => c.name)).toEqual(['agent_config.read', 'sms.audience']);
    expect(approvals).toEqual([]);
  });

  it("should send the reviewer's edit, re-checked, and pass each lead's known time zone to its send", async () => {
    const { context, calls, approvals } = contextWith(
      { 'agent_config.read': config(), 'sms.audience': audience([{ to: '+14155550100', timezone: 'Europe/Paris' }, { to: '+14155550101', timezone: 'Nowhere/Land' }]) },
      { edits: { text: 'Edited: Huila is back 🎉' } },
    );

    const output = await sut.run(input({ campaignId: '2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f' }), context);

    expect(approvals[0]).toMatchObject({ title: 'Text 2 recipient(s) on SMS', summary: TEXT, payload: { text: TEXT, encoding: 'GSM-7', segments: 1, recipients: 2 } });
    expect(output).toMatchObject({ text: 'Edited: Huila is back 🎉', encoding: 'UCS-2', segments: 1, sendRunIds: ['send-1', 'send-2'] });
    expect(calls.filter((c) => c.name === 'runs.start').map((c) => c.input)).toEqual([
      { agent: 'sms-send', input: { channel: 'sms', to: '+14155550100', body: 'Edited: Huila is back 🎉', parentRunId: RUN, campaignId: '2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f', timezone: 'Europe/Paris' } },
      { agent: 'sms-send', input: { channel: 'sms', to: '+14155550101', body: 'Edited: Huila is back 🎉', parentRunId: RUN, campaignId: '2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f' } },
    ]);
  });

  it('should ask nobody when the policy needs approval only above more recipients than these', async () => {
    const { context, approvals } = contextWith({ 'agent_config.read': config({ approvalPolicies: { 'sms.send': { mode: 'above', threshold: 5 } } }), 'sms.audience': audience([{ to: '+14155550100', timezone: null }]) });

    expect(await sut.run(input(), context)).toMatchObject({ approval: null, sendRunIds: ['send-1'] });
    expect(approvals).toEqual([]);
  });

  describe('check', () => {
    it.each([
      ['neither brief nor text', { text: undefined }, /give exactly one of brief .* or text/],
      ['no recipients', { recipients: undefined }, /give recipients/],
      ['more than 1000 recipients and leads together', { recipients: Array(600).fill('+14155550100'), leadIds: Array(401).fill('2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f') }, /at most 1000/],
      ['a text over its budget', { text: 'a'.repeat(161), maxSegments: 1 }, /invalid input.text: SMS too long/],
      ['a blank text', { text: '   ' }, /invalid input.text: invalid SMS: the body is empty/],
    ])('should refuse %s with a 400', async (_case, overrides, message) => {
      await expect(sut.check(input(overrides))).rejects.toThrow(message);
      await expect(sut.check(input(overrides))).rejects.toBeInstanceOf(ValidationFailedError);
    });
  });
});
