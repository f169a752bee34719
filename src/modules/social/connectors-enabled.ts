import type { AppConfig } from '../../config/app-config';
import { connectorMode } from '../connectors/connector-registry';
import { CONNECTOR_DEFINITIONS } from '../connectors/providers';

/**
 * Whether every connector an agent declares tools of runs in this deployment. An agent whose
 * declared tool no process provides fails the boot (AgentToolsCheck), and production leaves a
 * connector without a real implementation disabled: the social agents are then not offered,
 * rather than the deployment not starting.
 */
export function connectorsEnabled(keys: readonly string[]): (config: AppConfig) => boolean {
  return (config) => keys.every((key) => {
    const definition = CONNECTOR_DEFINITIONS.find((d) => d.manifest.key === key);
    return definition !== undefined && connectorMode(config, definition) !== 'disabled';
  });
}
