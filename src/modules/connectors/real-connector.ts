import { ConnectorError } from './connector-error';
import type { RealActions } from './connector-definition';
import type { ConnectorCallContext, ConnectorManifest, ConnectorProvider } from './connector.types';

/** Wraps a vendor's real actions; never branches on the environment. */
export class RealConnector implements ConnectorProvider {
  readonly mode = 'real' as const;

  constructor(readonly manifest: ConnectorManifest, private readonly actions: RealActions) {}

  execute(action: string, input: object, context: ConnectorCallContext): Promise<unknown> {
    const run = this.actions[action];
    if (!run) throw new ConnectorError('INVALID_INPUT', `${this.manifest.key} has no action ${action}`);
    return run(input as Record<string, unknown>, context);
  }
}
