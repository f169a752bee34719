import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '../api-keys/api-keys.service';
import { ConnectorError } from '../connectors/connector-error';
import { ConnectorsService } from '../connectors/connectors.service';
import { CREDENTIALS_PROVIDER, type CredentialsProvider } from '../connectors/vault/credentials-provider';
import type { FinishedRun } from '../orchestration/run.records';
import { SubmitRun } from '../orchestration/submit-run';
import { CONNECTOR_INVOKE_AGENT, ConnectorInvokeInput } from './connector-invoke.agent';

/**
 * One connector action run directly by an operator, recorded as a run of `connector.invoke` with
 * one tool execution. The action's input is validated here, once: the run and the connector call
 * receive the parsed instance and do not validate it again.
 */
@Injectable()
export class InvokeConnectorAction {
  constructor(
    private readonly connectors: ConnectorsService,
    private readonly submission: SubmitRun,
    @Inject(CREDENTIALS_PROVIDER) private readonly credentials: CredentialsProvider,
  ) {}

  async invoke(caller: Principal, key: string, action: string, body: Record<string, unknown> | undefined): Promise<FinishedRun> {
    const parsed = await this.connectors.validate(key, action, body ?? {});
    // A call without credentials is refused up front, before a run is recorded for nothing; a
    // mock refuses like the real connector, so what works against mocks works live.
    if (!(await this.credentials.isConnected(caller.organizationId, key))) throw ConnectorError.notConnected(key);
    const input = Object.assign(new ConnectorInvokeInput(), { connector: key, action, input: parsed });
    return this.submission.submit(caller, { agent: CONNECTOR_INVOKE_AGENT, intent: `${key}.${action}`, input: { connector: key, action, input: body ?? {} } }, { parsedInput: input });
  }
}
