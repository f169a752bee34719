import type { AppConfig } from '../../config/app-config';
import { connectorMode } from '../connectors/connector-registry';
import { CONNECTOR_DEFINITIONS } from '../connectors/providers';
import { EMAIL_CONNECTORS } from './support-channels';

/** The connectors the support agent replies through: it is offered when one of them runs (a call to a disabled one fails with the reason). */
export const SUPPORT_CONNECTORS: readonly string[] = ['slack', 'discord', 'whatsapp', ...EMAIL_CONNECTORS];

export function supportAvailable(config: AppConfig): boolean {
  return CONNECTOR_DEFINITIONS.filter((d) => SUPPORT_CONNECTORS.includes(d.manifest.key)).some((d) => connectorMode(config, d) !== 'disabled');
}
