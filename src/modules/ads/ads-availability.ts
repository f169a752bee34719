import type { AppConfig } from '../../config/app-config';
import { connectorMode } from '../connectors/connector-registry';
import { googleAdsConnector } from '../connectors/providers/google_ads';

/** The ads agents' tools are Google Ads actions: a deployment that does not run the connector (mock or real) does not offer them. */
export function googleAdsAvailable(config: AppConfig): boolean {
  return connectorMode(config, googleAdsConnector) !== 'disabled';
}
