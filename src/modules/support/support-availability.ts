import type { AppConfig } from '../../config/app-config';
import { connectorMode } from '../connectors/connector-registry';
import { CONNECTOR_DEFINITIONS } from '../connectors/providers';
import { EMAIL_CONNECTORS } from './support-channels';

/** The connectors the support agent replies through: every one must run (mock or real) for the agent's tools to exist. */
export const SUPPORT_CONNECTORS: readonly string[] = ['slack', 'discord', 'whatsapp', ...EMAIL_CONNECTORS];

export function supportAvailable(config: AppConfig): boolean {
  return CONNECTOR_DEFINITIONS.filter((d) => SUPPORT_CONNECTORS.includes(d.manifest.key)).every((d) => connectorMode(config, d) !== 'disabled');
}
