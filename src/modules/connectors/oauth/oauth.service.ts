import { Inject, Injectable } from '@nestjs/common';
import { ClsService } from 'nestjs-cls';
import { createHash, randomBytes } from 'node:crypto';
import { ValidationFailedError } from '../../../common/errors/domain-errors';
import { APP_CONFIG } from '../../../config/config.module';
import type { AppConfig } from '../../../config/app-config';
import { enterCallerIdentity, type RequestContext } from '../../../infra/cls/request-context';
import type { Principal } from '../../api-keys/api-keys.service';
import { ConnectorError } from '../connector-error';
import { ConnectorRegistry } from '../connector-registry';
import type { ConnectorManifest, OAuthEndpoints } from '../connector.types';
import { ConnectionsService, ConnectionSummary } from '../vault/connections.service';
import { OAuthNotConfiguredError } from './oauth-errors';
import { OAUTH_STATE_TTL_MS, OAuthStateCodec } from './oauth-state';
import { OAuthStateNonces } from './oauth-state-nonces';
import { OAuthClientCredentials, OAuthTokenClient } from './oauth-token-client';

export interface OAuthCallback {
  code?: string;
  state?: string;
  /** Set by the provider instead of `code` when the user declined or the request was refused (RFC 6749 §4.1.2.1). */
  error?: string;
}

/**
 * The OAuth2 authorization-code flow (RFC 6749 §4.1) with PKCE (RFC 7636, S256). `start` runs
 * for an authenticated caller and puts everything the callback needs into the encrypted state;
 * `complete` runs for the user's browser, which carries no API key: the state is its credential.
 */
@Injectable()
export class OAuthService {
  constructor(
    private readonly registry: ConnectorRegistry,
    private readonly states: OAuthStateCodec,
    private readonly nonces: OAuthStateNonces,
    private readonly tokens: OAuthTokenClient,
    private readonly connections: ConnectionsService,
    private readonly cls: ClsService<RequestContext>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  start(caller: Principal, key: string, connectionName = 'default', now = Date.now()): { authorizeUrl: string; expiresAt: Date } {
    const { manifest, oauth, client } = this.oauthConnector(key);
    const codeVerifier = randomBytes(32).toString('base64url');
    const expiresAt = now + OAUTH_STATE_TTL_MS;
    const state = this.states.issue({ organizationId: caller.organizationId, userId: caller.userId, connectorKey: key, connectionName, expiresAt, nonce: randomBytes(16).toString('base64url'), codeVerifier });
    const url = new URL(oauth.authorizeUrl);
    url.searchParams.set('response_type', 'code');
    url.searchParams.set(oauth.clientIdParam ?? 'client_id', client.clientId);
    url.searchParams.set('redirect_uri', this.redirectUri(key));
    if (manifest.scopes.length > 0) url.searchParams.set('scope', manifest.scopes.join(oauth.scopeSeparator ?? ' '));
    for (const [name, value] of Object.entries(oauth.extraAuthorizeParams ?? {})) url.searchParams.set(name, value);
    url.searchParams.set('state', state);
    url.searchParams.set('code_challenge', createHash('sha256').update(codeVerifier).digest('base64url'));
    url.searchParams.set('code_challenge_method', 'S256');
    return { authorizeUrl: url.toString(), expiresAt: new Date(expiresAt) };
  }

  async complete(key: string, callback: OAuthCallback): Promise<ConnectionSummary> {
    const claims = this.states.open(callback.state, key);
    await this.nonces.claim(claims.nonce, claims.expiresAt);
    // From here on the request acts for the state's organization and user, as the API-key guard would set them.
    enterCallerIdentity(this.cls, { organizationId: claims.organizationId, userId: claims.userId });
    if (callback.error) {
      const reason = callback.error.replace(/[^A-Za-z0-9_.-]/g, '').slice(0, 64);
      throw new ValidationFailedError(['error'], `the provider did not authorize ${key} (${reason}); start again: GET /v1/connectors/${key}/oauth/start`);
    }
    if (!callback.code) throw new ValidationFailedError(['code'], 'the OAuth callback has no code parameter');
    const { manifest, oauth, client } = this.oauthConnector(key);
    let grant;
    try {
      grant = await this.tokens.exchangeCode(key, oauth.tokenUrl, client, { code: callback.code, redirectUri: this.redirectUri(key), codeVerifier: claims.codeVerifier }, oauth.clientAuthentication);
    } catch (error) {
      // A refused code is this request's problem (expired, already used), not a broken connection.
      if (error instanceof ConnectorError && error.category === 'REAUTH_REQUIRED') {
        throw new ValidationFailedError(['code'], `the provider refused the authorization code for ${key} (expired or already used); start again: GET /v1/connectors/${key}/oauth/start`);
      }
      throw error;
    }
    const secrets = { accessToken: grant.accessToken, ...(grant.refreshToken ? { refreshToken: grant.refreshToken } : {}), ...(grant.tokenType ? { tokenType: grant.tokenType } : {}) };
    return this.connections.save(claims.organizationId, manifest, claims.connectionName, { secrets, scopes: grant.scopes ?? manifest.scopes, expiresAt: grant.expiresAt }, 'connector.oauth.connected');
  }

  private oauthConnector(key: string): { manifest: ConnectorManifest; oauth: OAuthEndpoints; client: OAuthClientCredentials } {
    const { manifest } = this.registry.get(key);
    if (manifest.authType !== 'oauth2') {
      throw new ValidationFailedError(['key'], `connector ${key} uses ${manifest.authType} credentials, not OAuth2: PUT /v1/connectors/${key}/credentials`);
    }
    const client = this.config.connectors.oauthClients[key];
    const variable = `CONNECTOR_${key.toUpperCase()}`;
    if (!manifest.oauth) throw new OAuthNotConfiguredError(`connector ${key} declares no OAuth endpoints`);
    if (!client) throw new OAuthNotConfiguredError(`OAuth for ${key} is not configured in this deployment: set ${variable}_CLIENT_ID and ${variable}_CLIENT_SECRET`);
    return { manifest, oauth: manifest.oauth, client };
  }

  /** Must equal, byte for byte, the redirect URI registered with the provider and sent at start. */
  private redirectUri(key: string): string {
    return `${this.config.connectors.oauthRedirectBaseUrl.replace(/\/+$/, '')}/v1/connectors/${encodeURIComponent(key)}/oauth/callback`;
  }
}
