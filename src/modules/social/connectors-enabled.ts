import type { AppConfig } from '../../config/app-config';
import { connectorMode } from '../connectors/connector-registry';
import { CONNECTOR_DEFINITIONS } from '../connectors/providers';

/**
 * Whether any of the networks an agent works with runs in this deployment: production leaves a
 * connector without a real implementation disabled, and the agent is still offered for the ones
 * that run (a post for a disabled network fails with the reason); with none, it is not offered.
 */
export function connectorsEnabled(keys: readonly string[]): (config: AppConfig) => boolean {
  return (config) => keys.some((key) => {
    const definition = CONNECTOR_DEFINITIONS.find((d) => d.manifest.key === key);
    return definition !== undefined && connectorMode(config, definition) !== 'disabled';
  });
}
