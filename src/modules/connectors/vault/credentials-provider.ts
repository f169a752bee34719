import type { ConnectorProvider, ConnectorSecrets } from '../connector.types';

export const CREDENTIALS_PROVIDER = Symbol('CREDENTIALS_PROVIDER');

export interface ConnectionCredentials {
  connectionName: string;
  secrets: ConnectorSecrets;
  metadata: Record<string, string>;
}

/**
 * Hands a call the organization's decrypted credentials for a connector (NOT_CONNECTED when there
 * are none, in real and mock mode alike). For oauth2 connectors it
 * refreshes tokens before expiry (one refresh at a time per connection), and answers a 401 with
 * one refresh and one retry of `call`.
 */
export interface CredentialsProvider {
  withCredentials<T>(provider: ConnectorProvider, organizationId: string, call: (credentials: ConnectionCredentials) => Promise<T>): Promise<T>;
  isConnected(organizationId: string, connectorKey: string): Promise<boolean>;
  /** Every connector the organization has working credentials for: one query for a whole catalog page. */
  connectedKeys(organizationId: string): Promise<Set<string>>;
}
