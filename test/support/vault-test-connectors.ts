import { IsOptional, IsString } from 'class-validator';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadConfig, type AppConfig } from '../../src/config/app-config';
import type { ConnectorDefinition } from '../../src/modules/connectors/connector-definition';
import type { ConnectorAuthType } from '../../src/modules/connectors/connector.types';
import { CONNECTOR_DEFINITIONS } from '../../src/modules/connectors/providers';

/** class-validator refuses a class with no decorated property; an optional note keeps `{}` valid. */
class NoInput {
  @IsOptional() @IsString() note?: string;
}

/**
 * A test-only connector whose real `whoami` reads `<baseUrl>/api/me` with `Authorization: Bearer`
 * (the api key, or the OAuth access token), so tests see exactly which secret reached the wire.
 */
export function testConnector(key: string, authType: ConnectorAuthType, oauthBaseUrl?: string): ConnectorDefinition {
  return {
    manifest: {
      key,
      displayName: `Vault test ${authType}`,
      kind: authType === 'oauth2' ? 'SLACK' : 'EMAIL',
      authType,
      scopes: authType === 'oauth2' ? ['read', 'write'] : [],
      rateLimit: { requests: 1_000, perSeconds: 60 },
      realAvailable: true,
      idempotentWrites: false,
      ...(oauthBaseUrl ? { oauth: { authorizeUrl: `${oauthBaseUrl}/authorize`, tokenUrl: `${oauthBaseUrl}/token` } } : {}),
      secretFields: authType === 'oauth2' ? [] : ['apiKey'],
      metadataFields: authType === 'oauth2' ? [] : ['accountId'],
      actions: [{ name: 'whoami', description: 'Who the credentials belong to', effect: 'read', input: NoInput, outputExample: { id: 'user-1' } }],
    },
    mock: { whoami: () => ({ id: 'mock-user' }) },
    real: ({ http }) => ({
      whoami: async (_input, context) => {
        const token = context.secrets.accessToken ?? context.secrets.apiKey;
        return (await http().request({ method: 'GET', path: '/api/me', headers: { authorization: `Bearer ${token}` }, signal: context.signal })).body;
      },
    }),
  };
}

/**
 * Adds test-only definitions to the catalog for the apps created next (this test file's module
 * registry only); returns the undo. The shared CONNECTOR_DEFINITIONS file is left as it is.
 */
export function registerTestConnectors(...definitions: ConnectorDefinition[]): () => void {
  CONNECTOR_DEFINITIONS.push(...definitions);
  return () => {
    for (const d of definitions) CONNECTOR_DEFINITIONS.splice(CONNECTOR_DEFINITIONS.indexOf(d), 1);
  };
}

/** Config overrides running the given connectors in real mode against local peers. */
export function realConnectorsConfig(real: Record<string, { baseUrl: string; oauthClient?: { clientId: string; clientSecret: string } }>): Partial<AppConfig> {
  const base = loadConfig().connectors;
  const entries = Object.entries(real);
  return {
    connectors: {
      ...base,
      modes: { ...base.modes, ...Object.fromEntries(entries.map(([key]) => [key, 'real' as const])) },
      baseUrls: { ...base.baseUrls, ...Object.fromEntries(entries.map(([key, r]) => [key, r.baseUrl])) },
      oauthClients: { ...base.oauthClients, ...Object.fromEntries(entries.filter(([, r]) => r.oauthClient).map(([key, r]) => [key, r.oauthClient!])) },
      oauthRedirectBaseUrl: 'http://neonhub.test',
    },
  };
}

/** An API that accepts one bearer api key on GET /api/me and records every Authorization header it saw. */
export class ApiKeyPeer {
  readonly authorizations: string[] = [];
  private server?: Server;
  baseUrl = '';

  constructor(private readonly apiKey: string) {}

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      this.authorizations.push(req.headers.authorization ?? '');
      const ok = req.url === '/api/me' && req.headers.authorization === `Bearer ${this.apiKey}`;
      res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' }).end(JSON.stringify(ok ? { id: 'account-7' } : { error: 'invalid_api_key' }));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
