import { Injectable, OnModuleInit } from '@nestjs/common';
import { ToolRegistry } from '../tools/tool-registry';
import { ConnectorRegistry } from './connector-registry';
import { ConnectorsService } from './connectors.service';

/**
 * Exposes each enabled connector to agents as a tool (`<connector>.<action>`), so every connector
 * call goes through the run's recording proxy: agent code has no other way to reach a provider.
 */
@Injectable()
export class ConnectorTools implements OnModuleInit {
  constructor(private readonly registry: ConnectorRegistry, private readonly connectors: ConnectorsService, private readonly tools: ToolRegistry) {}

  onModuleInit(): void {
    for (const provider of this.registry.enabled()) {
      const { manifest } = provider;
      this.tools.register({
        name: manifest.key,
        description: `${manifest.displayName} (${provider.mode})`,
        connectorKey: manifest.key,
        actions: Object.fromEntries(
          manifest.actions.map((action) => [
            action.name,
            {
              description: action.description,
              execute: (input, context) =>
                this.connectors.invoke(context.organizationId, manifest.key, action.name, input, { idempotencyKey: context.idempotencyKey, signal: context.signal }),
            },
          ]),
        ),
      });
    }
  }
}
