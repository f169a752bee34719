import { Injectable } from '@nestjs/common';
import type { RegisteredAgent } from '../agents/agent-registry';
import { RunLedger } from './persistence/run-ledger';

/**
 * The agents row id of (organization, agent), which every run row points at. Agent rows are
 * never renamed or removed while their organization lives, so ids are cached per process: the
 * first run of an agent in an organization pays one statement, the rest none.
 */
@Injectable()
export class AgentIds {
  private readonly ids = new Map<string, string>();

  constructor(private readonly ledger: RunLedger) {}

  async of(organizationId: string, agent: RegisteredAgent): Promise<string> {
    const key = `${organizationId}:${agent.definition.name}`;
    let id = this.ids.get(key);
    if (!id) {
      const { name, kind, description } = agent.definition;
      id = await this.ledger.ensureAgent(organizationId, name, kind, description);
      this.ids.set(key, id);
    }
    return id;
  }
}
