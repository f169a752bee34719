import { DynamicModule, Module, OnApplicationBootstrap } from '@nestjs/common';
import { ToolsModule } from '../tools/tools.module';
import { ConnectorCatalogRepository } from './connector-catalog.repository';
import { ConnectorGuards } from './connector-guards';
import { ConnectorMetrics, connectorMetricProviders } from './connector-metrics';
import { ConnectorRegistry } from './connector-registry';
import { ConnectorTools } from './connector-tools';
import { ConnectorsController } from './connectors.controller';
import { ConnectorsService } from './connectors.service';
import { MockOutboxController } from './mock-outbox.controller';
import { MockState } from './mock/mock-state';
import { ConnectorAuthRepository } from './vault/connector-auth.repository';
import { CREDENTIALS_PROVIDER } from './vault/credentials-provider';
import { Vault } from './vault/vault';
import { vaultProviders } from './vault/vault.providers';
import { AuditModule } from '../audit/audit.module';
import { CredentialsController } from './credentials.controller';
import { OAuthController } from './oauth/oauth.controller';

/**
 * The connectors plug-in: providers bound real or mock by configuration, their vault and OAuth,
 * and one tool per enabled connector registered into the tools socket. It knows nothing of the
 * run engine; direct invocation lives in ConnectorActionsModule.
 */
@Module({})
export class ConnectorsModule implements OnApplicationBootstrap {
  private static readonly built = new Map<boolean, DynamicModule>();

  constructor(private readonly catalog: ConnectorCatalogRepository, private readonly registry: ConnectorRegistry) {}

  /** The API: catalog, credentials, OAuth and mock routes. */
  static forRoot(): DynamicModule {
    return ConnectorsModule.once(true);
  }

  /** The worker: the same connectors as tools, no routes. */
  static forWorker(): DynamicModule {
    return ConnectorsModule.once(false);
  }

  // Nest tells dynamic modules apart by reference: a second build would be a second registry and mock state.
  private static once(http: boolean): DynamicModule {
    let module = ConnectorsModule.built.get(http);
    if (!module) ConnectorsModule.built.set(http, (module = ConnectorsModule.build(http)));
    return module;
  }

  private static build(http: boolean): DynamicModule {
    return {
      module: ConnectorsModule,
      imports: [ToolsModule, AuditModule],
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
        ...vaultProviders,
      ],
      exports: [ConnectorRegistry, ConnectorsService, CREDENTIALS_PROVIDER, Vault, ConnectorAuthRepository, MockState],
    };
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.catalog.sync(this.registry.allManifests());
  }
}
