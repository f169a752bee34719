import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { AuditModule } from '../audit/audit.module';
import { AgentRegistry } from './agent-registry';
import { AskAgent } from './builtin/ask.agent';
import { EchoAgent } from './builtin/echo.agent';

/**
 * The agents socket: every @Agent provider in the app is found by the registry at boot, whichever
 * module declares it. The built-in echo and ask agents live here (ECHO_AGENT_ENABLED, ASK_AGENT_ENABLED); the
 * HTTP view of agents is the engine's API (AgentsController, mounted by OrchestrationModule).
 */
@Module({
  imports: [DiscoveryModule, AuditModule],
  providers: [AgentRegistry, EchoAgent, AskAgent],
  exports: [AgentRegistry],
})
export class AgentsModule {}
