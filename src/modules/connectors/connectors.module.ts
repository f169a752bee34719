import { DynamicModule, Module, OnApplicationBootstrap } from '@nestjs/common';
import { OrchestrationModule } from '../orchestration/orchestration.module';
import { ToolsModule } from '../tools/tools.module';
import { ConnectorCatalogRepository } from './connector-catalog.repository';
import { ConnectorGuards } from './connector-guards';
import { ConnectorMetrics, connectorMetricProviders } from './connector-metrics';
import { ConnectorRegistry } from './connector-registry';
import { ConnectorTools } from './connector-tools';
import { ConnectorsController } from './connectors.controller';
import { ConnectorsService } from './connectors.service';
import { MockOutboxController } from './mock-outbox.controller';
import { ConnectorInvokeAgent } from './invoke/connector-invoke.agent';
import { MockState } from './mock/mock-state';
import { ConnectorAuthRepository } from './vault/connector-auth.repository';
import { CREDENTIALS_PROVIDER } from './vault/credentials-provider';
import { Vault } from './vault/vault';
import { vaultProviders } from './vault/vault.providers';
import { AuditModule } from '../audit/audit.module';
import { CredentialsController } from './credentials.controller';
import { OAuthController } from './oauth/oauth.controller';

@Module({})
export class ConnectorsModule implements OnApplicationBootstrap {
  constructor(private readonly catalog: ConnectorCatalogRepository, private readonly registry: ConnectorRegistry) {}

  static forRoot(options: { echoAgentEnabled: boolean; http?: boolean }): DynamicModule {
    const http = options.http ?? true;
    return {
      module: ConnectorsModule,
      imports: [ToolsModule, AuditModule, OrchestrationModule.forRoot(options)],
      // The mock routes are declared before :key routes so /v1/connectors/mock/... is never read as a connector key.
      controllers: http ? [MockOutboxController, ConnectorsController, CredentialsController, OAuthController] : [],
      providers: [
        ...connectorMetricProviders,
        ConnectorMetrics,
        MockState,
        ConnectorRegistry,
        ConnectorGuards,
        ConnectorsService,
        ConnectorTools,
        ConnectorCatalogRepository,
        ConnectorInvokeAgent,
        ...vaultProviders,
      ],
      exports: [OrchestrationModule, ConnectorRegistry, ConnectorsService, CREDENTIALS_PROVIDER, Vault, ConnectorAuthRepository, MockState],
    };
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.catalog.sync(this.registry.allManifests());
  }
}
