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
    // A disabled connector stays known: an agent may declare it as one channel among several (SMS or WhatsApp), and a call says why it fails.
    const enabled = new Set(this.registry.enabled().map((provider) => provider.manifest.key));
    for (const manifest of this.registry.allManifests()) {
      if (!enabled.has(manifest.key)) this.tools.markUnavailable(manifest.key, `connector ${manifest.key} is disabled (CONNECTOR_${manifest.key.toUpperCase()}_MODE)`);
    }
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
