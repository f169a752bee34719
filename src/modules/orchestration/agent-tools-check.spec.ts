import { strictDouble } from '../../../test/support/strict-double';
import type { AgentRegistry, RegisteredAgent } from '../agents/agent-registry';
import type { ToolRegistry } from '../tools/tool-registry';
import { AgentToolsCheck, UndeclaredToolError } from './agent-tools-check';

const agent = (name: string, tools: string[]) => ({ definition: { name, tools } }) as unknown as RegisteredAgent;
const provided: Record<string, string[]> = { llm: ['generate', 'embed'], diagnostics: ['echo'] };
const tools = strictDouble<ToolRegistry>('ToolRegistry', {
  provides: (tool: string, action?: string) => tool in provided && (action === undefined || provided[tool].includes(action)),
  unavailableReason: (tool: string) => (tool === 'whatsapp' ? 'connector whatsapp is disabled (CONNECTOR_WHATSAPP_MODE)' : undefined),
});

describe(AgentToolsCheck.name, () => {
  it('should accept agents whose tools, tool wildcards and catch-alls are all provided', () => {
    const agents = strictDouble<AgentRegistry>('AgentRegistry', { list: () => [agent('a', ['llm.generate', 'diagnostics.*']), agent('b', ['*'])] });
    expect(() => new AgentToolsCheck(agents, tools).onApplicationBootstrap()).not.toThrow();
  });

  it('should stop the boot naming the agent and the tool nobody provides', () => {
    const agents = strictDouble<AgentRegistry>('AgentRegistry', { list: () => [agent('ask', ['llm.generate', 'knowledge.search'])] });
    expect(() => new AgentToolsCheck(agents, tools).onApplicationBootstrap()).toThrow(new UndeclaredToolError('ask', 'knowledge.search'));
  });

  it('should accept a tool the deployment knows but switched off (one channel among several); a call to it fails instead', () => {
    const agents = strictDouble<AgentRegistry>('AgentRegistry', { list: () => [agent('sms-send', ['llm.generate', 'whatsapp.send_message'])] });
    expect(() => new AgentToolsCheck(agents, tools).onApplicationBootstrap()).not.toThrow();
  });

  it('should refuse an action the tool does not have', () => {
    const agents = strictDouble<AgentRegistry>('AgentRegistry', { list: () => [agent('x', ['llm.summarise'])] });
    expect(() => new AgentToolsCheck(agents, tools).onApplicationBootstrap()).toThrow('agent x declares tool llm.summarise');
  });
});
