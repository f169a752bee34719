import { ConnectorError } from '../connector-error';
import type { ConnectorManifest } from '../connector.types';

/** Where an operator goes to (re)connect this connector. */
export function reconnectRoute(manifest: Pick<ConnectorManifest, 'key' | 'authType'>): string {
  return manifest.authType === 'oauth2' ? `GET /v1/connectors/${manifest.key}/oauth/start` : `PUT /v1/connectors/${manifest.key}/credentials`;
}

/** Not retryable, and says what to do: the message reaches the agent, the run record and the operator. */
export function reauthRequired(manifest: Pick<ConnectorManifest, 'key' | 'authType'>, why: string): ConnectorError {
  return new ConnectorError('REAUTH_REQUIRED', `connector ${manifest.key} needs to be reconnected (${why}); reconnect ${manifest.key}: ${reconnectRoute(manifest)}`);
}
