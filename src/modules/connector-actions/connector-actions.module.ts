import { DynamicModule, Module } from '@nestjs/common';
import { ConnectorsModule } from '../connectors/connectors.module';
import { OrchestrationModule } from '../orchestration/orchestration.module';
import { ConnectorActionsController } from './connector-actions.controller';
import { ConnectorInvokeAgent } from './connector-invoke.agent';
import { InvokeConnectorAction } from './invoke-connector-action';

/**
 * Direct connector invocation: where the run engine and the connectors meet, so neither imports
 * the other. The `connector.invoke` agent is needed wherever its runs may execute (a worker
 * resumes a lapsed one); the endpoint only in the API.
 */
@Module({})
export class ConnectorActionsModule {
  /** `engine`: the app's own run engine module (Nest tells dynamic modules apart by reference). */
  static forRoot(engine: DynamicModule = OrchestrationModule.forRoot()): DynamicModule {
    return {
      module: ConnectorActionsModule,
      imports: [engine, ConnectorsModule.forRoot()],
      controllers: [ConnectorActionsController],
      providers: [InvokeConnectorAction, ConnectorInvokeAgent],
    };
  }

  static forWorker(): DynamicModule {
    return { module: ConnectorActionsModule, imports: [ConnectorsModule.forWorker()], providers: [ConnectorInvokeAgent] };
  }
}
