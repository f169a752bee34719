import { ConfigurationError } from './app-config-error';

export type ConnectorModeSetting = 'real' | 'mock' | 'disabled';

export interface ConnectorsConfig {
  /** USE_MOCK_CONNECTORS: true/false for every connector, unset = per environment default. */
  useMock?: boolean;
  /** CONNECTOR_<KEY>_MODE overrides, keyed by connector key (lower case). */
  modes: Record<string, ConnectorModeSetting>;
  /** CONNECTOR_<KEY>_BASE_URL: the provider API root (local fakes, regional endpoints). */
  baseUrls: Record<string, string>;
  /** CONNECTOR_<KEY>_CLIENT_ID / _CLIENT_SECRET for oauth2 connectors. */
  oauthClients: Record<string, { clientId: string; clientSecret: string }>;
  /** Where providers send the browser back: <base>/v1/connectors/<key>/oauth/callback. */
  oauthRedirectBaseUrl: string;
}

const PER_CONNECTOR = /^CONNECTOR_([A-Z0-9_]+?)_(MODE|BASE_URL|CLIENT_ID|CLIENT_SECRET)$/;

/** The per-connector variables: their names depend on the connector keys, so they are parsed here rather than declared one by one. */
export function loadConnectorsConfig(env: NodeJS.ProcessEnv): ConnectorsConfig {
  const config: ConnectorsConfig = { modes: {}, baseUrls: {}, oauthClients: {}, oauthRedirectBaseUrl: env.OAUTH_REDIRECT_BASE_URL || `http://localhost:${env.PORT || 3000}` };
  if (env.USE_MOCK_CONNECTORS) {
    if (!['true', 'false'].includes(env.USE_MOCK_CONNECTORS)) throw new ConfigurationError('Invalid configuration: USE_MOCK_CONNECTORS must be true or false');
    config.useMock = env.USE_MOCK_CONNECTORS === 'true';
  }
  const clients: Record<string, { clientId?: string; clientSecret?: string }> = {};
  for (const [name, value] of Object.entries(env)) {
    const match = PER_CONNECTOR.exec(name);
    if (!match || !value) continue;
    const key = match[1].toLowerCase();
    if (match[2] === 'MODE') {
      if (!['real', 'mock', 'disabled'].includes(value)) throw new ConfigurationError(`Invalid configuration: ${name} must be real, mock or disabled`);
      config.modes[key] = value as ConnectorModeSetting;
    } else if (match[2] === 'BASE_URL') {
      if (!/^https?:\/\/\S+$/.test(value)) throw new ConfigurationError(`Invalid configuration: ${name} must be an http(s) URL`);
      config.baseUrls[key] = value.replace(/\/$/, '');
    } else {
      clients[key] ??= {};
      if (match[2] === 'CLIENT_ID') clients[key].clientId = value;
      else clients[key].clientSecret = value;
    }
  }
  for (const [key, client] of Object.entries(clients)) {
    if (!client.clientId || !client.clientSecret) throw new ConfigurationError(`Invalid configuration: CONNECTOR_${key.toUpperCase()}_CLIENT_ID and _CLIENT_SECRET must be set together`);
    config.oauthClients[key] = { clientId: client.clientId, clientSecret: client.clientSecret };
  }
  return config;
}
