import type { RegisteredAgent } from '../agent-registry';
import { toAgentView } from './agent.response';

describe(toAgentView.name, () => {
  const defaults = { timeoutMs: 30_000, maxAttempts: 3, rateLimitPerMinute: 60 };
  const agent = (internal?: boolean): RegisteredAgent =>
    ({ definition: { name: 'sms-send', kind: 'SMS', description: 'sends', input: Object, tools: [], ...(internal === undefined ? {} : { internal }) }, handler: { run: jest.fn() }, inputSchema: {} }) as unknown as RegisteredAgent;

  it('should say an agent only another run may start is internal, so a client does not submit it', () => {
    expect(toAgentView(agent(true), defaults, 'closed').internal).toBe(true);
  });

  it('should say an agent that declares nothing is not internal', () => {
    expect(toAgentView(agent(), defaults, 'closed').internal).toBe(false);
  });
});
