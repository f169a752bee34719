import { DynamicModule, Module, Provider } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { AuditModule } from '../audit/audit.module';
import { PoliciesModule } from '../policies/policies.module';
import { AgentRegistry } from './agent-registry';
import { AgentsController } from './agents.controller';
import { EchoAgent } from './builtin/echo.agent';

@Module({})
export class AgentsModule {
  static forRoot(options: { echoAgentEnabled: boolean; http: boolean }): DynamicModule {
    const builtins: Provider[] = options.echoAgentEnabled ? [EchoAgent] : [];
    return {
      module: AgentsModule,
      imports: [DiscoveryModule, AuditModule, PoliciesModule],
      controllers: options.http ? [AgentsController] : [],
      providers: [AgentRegistry, ...builtins],
      exports: [AgentRegistry],
    };
  }
}
