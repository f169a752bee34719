import { Inject, Injectable } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { APP_CONFIG } from '../../../config/config.module';
import type { AppConfig } from '../../../config/app-config';
import { ConnectorError } from '../connector-error';
import type { ConnectorManifest } from '../connector.types';
import { OAuthTokenClient } from '../oauth/oauth-token-client';
import { ConnectorAuthRepository } from './connector-auth.repository';
import { ConnectionOpener, OpenedConnection } from './connection-opener';
import { reauthRequired } from './reconnect';
import { REFRESH_LOCK, REFRESH_LOCK_TTL_MS, type RefreshLock } from './refresh-lock';
import { Vault } from './vault';

/** 'expiring': proactive, the current token may still work. 'rejected': the provider answered 401 to it. */
export type RefreshReason = 'expiring' | 'rejected';

/** Lock attempts before giving up on a holder that keeps it (each waits at most the lock's TTL). */
const LOCK_ATTEMPTS = 2;

/**
 * Refreshes an OAuth2 connection's access token, once at a time per connection: concurrent calls
 * in this process share one refresh, other processes wait on the Redis lock and then read the
 * row the holder wrote. The old refresh token is kept when the provider returns none; a dead
 * grant marks the connection REAUTH_REQUIRED.
 */
@Injectable()
export class TokenRefresher {
  private readonly inFlight = new Map<string, Promise<OpenedConnection>>();

  constructor(
    private readonly auths: ConnectorAuthRepository,
    private readonly opener: ConnectionOpener,
    private readonly vault: Vault,
    private readonly tokens: OAuthTokenClient,
    @Inject(REFRESH_LOCK) private readonly lock: RefreshLock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly logger: PinoLogger,
  ) {
    logger.setContext(TokenRefresher.name);
  }

  /** `stale` is the connection as the caller used it: refreshed only if the database still holds it. */
  refresh(manifest: ConnectorManifest, stale: OpenedConnection, reason: RefreshReason): Promise<OpenedConnection> {
    const running = this.inFlight.get(stale.id);
    if (running) return running;
    const refresh = this.underLock(manifest, stale, reason).finally(() => this.inFlight.delete(stale.id));
    this.inFlight.set(stale.id, refresh);
    return refresh;
  }

  private async underLock(manifest: ConnectorManifest, stale: OpenedConnection, reason: RefreshReason): Promise<OpenedConnection> {
    for (let attempt = 0; attempt < LOCK_ATTEMPTS; attempt++) {
      const lock = await this.lock.tryAcquire(stale.id);
      if (lock === 'held') {
        await this.lock.waitForRelease(stale.id, REFRESH_LOCK_TTL_MS);
        const current = await this.current(manifest, stale.id);
        if (current.ciphertext !== stale.ciphertext) return current;
        continue;
      }
      // Without Redis, refusing every call would take the connector down; the cost is a possible
      // duplicate refresh from another process while Redis is away.
      if (lock === 'unavailable') this.logger.warn({ connector: manifest.key, connectionId: stale.id }, 'refresh lock unavailable; refreshing without it');
      try {
        return await this.refreshHolding(manifest, stale, reason);
      } finally {
        if (lock !== 'unavailable') await lock.release();
      }
    }
    throw new ConnectorError('PROVIDER_UNAVAILABLE', `connector ${manifest.key}: another process is still refreshing this connection's token; retry shortly`, { requestSent: false });
  }

  private async refreshHolding(manifest: ConnectorManifest, stale: OpenedConnection, reason: RefreshReason): Promise<OpenedConnection> {
    const current = await this.current(manifest, stale.id);
    // Refreshed (or reconnected) by someone else between our read and the lock.
    if (current.ciphertext !== stale.ciphertext) return current;
    const refreshToken = current.credentials.secrets.refreshToken;
    if (!refreshToken) {
      if (reason === 'expiring') return current;
      await this.auths.markReauthRequired(current.id, current.ciphertext);
      throw reauthRequired(manifest, 'the provider rejected its access token and there is no refresh token');
    }
    const client = this.config.connectors.oauthClients[manifest.key];
    if (!client || !manifest.oauth) {
      const name = `CONNECTOR_${manifest.key.toUpperCase()}`;
      throw new ConnectorError('PERMISSION_DENIED', `connector ${manifest.key}: cannot refresh its token: ${name}_CLIENT_ID and ${name}_CLIENT_SECRET are not configured`);
    }
    let grant;
    try {
      grant = await this.tokens.refresh(manifest.key, manifest.oauth.tokenUrl, client, refreshToken, manifest.oauth.clientAuthentication);
    } catch (error) {
      if (!(error instanceof ConnectorError) || error.category !== 'REAUTH_REQUIRED') throw error;
      await this.auths.markReauthRequired(current.id, current.ciphertext);
      this.logger.warn({ connector: manifest.key, connectionId: current.id }, 'refresh token refused by the provider; connection marked REAUTH_REQUIRED');
      throw reauthRequired(manifest, 'the provider refused its refresh token: invalid_grant');
    }
    const secrets = { ...current.credentials.secrets, accessToken: grant.accessToken, refreshToken: grant.refreshToken ?? refreshToken, ...(grant.tokenType ? { tokenType: grant.tokenType } : {}) };
    const sealed = this.vault.seal({ organizationId: current.organizationId, connectorKey: manifest.key, connectionName: current.credentials.connectionName }, secrets);
    const stored = await this.auths.replaceTokens(current.id, current.ciphertext, { ciphertext: sealed.ciphertext, keyId: sealed.keyId, expiresAt: grant.expiresAt, scopes: grant.scopes });
    // A reconnect or a delete landed while we were at the provider: theirs wins.
    if (!stored) return this.current(manifest, current.id);
    this.logger.info({ connector: manifest.key, connectionId: current.id, reason }, 'access token refreshed');
    return { ...current, ciphertext: sealed.ciphertext, credentials: { ...current.credentials, secrets } };
  }

  private async current(manifest: ConnectorManifest, id: string): Promise<OpenedConnection> {
    const row = await this.auths.findById(id);
    if (!row?.secretCiphertext || row.status === 'REVOKED') throw ConnectorError.notConnected(manifest.key);
    if (row.status === 'REAUTH_REQUIRED') throw reauthRequired(manifest, 'its authorization was revoked or expired');
    return this.opener.open(manifest, { ...row, secretCiphertext: row.secretCiphertext });
  }
}
