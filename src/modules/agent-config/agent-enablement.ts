import { Injectable } from '@nestjs/common';
import { AgentDisabledError } from './agent-config-errors';
import { AgentConfigsRepository } from './persistence/agent-configs.repository';

/**
 * Asked by the run engine before a run exists: an agent its organization switched off does not
 * run, whoever submits it (a person, a schedule's tick, another agent's stage).
 */
@Injectable()
export class AgentEnablement {
  constructor(private readonly configs: AgentConfigsRepository) {}

  async assertEnabled(organizationId: string, agentName: string): Promise<void> {
    if ((await this.configs.enabled(organizationId, agentName)) === false) throw new AgentDisabledError(agentName);
  }
}
