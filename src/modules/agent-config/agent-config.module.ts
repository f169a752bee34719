import { DynamicModule, Module, Provider } from '@nestjs/common';
import { AgentsModule } from '../agents/agents.module';
import { AuditModule } from '../audit/audit.module';
import { ConnectorsModule } from '../connectors/connectors.module';
import { AgentConfigController } from './agent-config.controller';
import { AgentConfigRules } from './agent-config-rules';
import { AgentConfigTool } from './agent-config.tool';
import { AgentConfigs } from './agent-configs';
import { AgentEnablement } from './agent-enablement';
import { ConfigHistory } from './config-history';
import { ConfigViews } from './config-view';
import { ConfigWriter } from './config-writer';
import { AgentConfigsRepository } from './persistence/agent-configs.repository';
import { ConfigChangesRepository } from './persistence/config-changes.repository';

const PROVIDERS: Provider[] = [AgentConfigsRepository, ConfigChangesRepository, AgentConfigRules, ConfigViews, ConfigWriter, AgentConfigs, ConfigHistory, AgentEnablement, AgentConfigTool];

/**
 * Organizations' configuration of agents: the /v1/agents/:name/config endpoints, the
 * `agent_config` tool agents read it with, AgentConfigs for other modules (the learning agent's
 * changes) and AgentEnablement, which the run engine asks before a run exists. It depends on the
 * agents socket and the connectors, never on the engine.
 */
@Module({})
export class AgentConfigModule {
  private static readonly built = new Map<boolean, DynamicModule>();

  /** The API: endpoints, tool and services. */
  static forRoot(): DynamicModule {
    return AgentConfigModule.once(true);
  }

  /** The worker: the tool and services (the learning agent runs there), no endpoints. */
  static forWorker(): DynamicModule {
    return AgentConfigModule.once(false);
  }

  // Nest tells dynamic modules apart by reference: a second build would register the tool twice.
  private static once(http: boolean): DynamicModule {
    let module = AgentConfigModule.built.get(http);
    if (!module) {
      module = {
        module: AgentConfigModule,
        imports: [AgentsModule, AuditModule, http ? ConnectorsModule.forRoot() : ConnectorsModule.forWorker()],
        controllers: http ? [AgentConfigController] : [],
        providers: PROVIDERS,
        exports: [AgentConfigs, AgentEnablement],
      };
      AgentConfigModule.built.set(http, module);
    }
    return module;
  }
}
