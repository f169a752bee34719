import { Injectable } from '@nestjs/common';
import { ConnectorError } from '../connector-error';
import type { ConnectorProvider } from '../connector.types';
import { ConnectorAuthRepository } from './connector-auth.repository';
import { ConnectionOpener, OpenedConnection } from './connection-opener';
import type { ConnectionCredentials, CredentialsProvider } from './credentials-provider';
import { reauthRequired } from './reconnect';
import { TokenRefresher } from './token-refresher';

/** Tokens this close to expiry are refreshed before the call rather than after a 401. */
export const REFRESH_AHEAD_MS = 2 * 60_000;

/**
 * Decrypts a connection's credentials for one call; real and mock connectors alike refuse to call without them.
 * Real OAuth2 connections are refreshed ahead of expiry, and a call the provider answers with
 * AUTH_EXPIRED gets one refresh and one retry. Mock mode never talks to a token endpoint.
 */
@Injectable()
export class CredentialsService implements CredentialsProvider {
  constructor(private readonly auths: ConnectorAuthRepository, private readonly opener: ConnectionOpener, private readonly refresher: TokenRefresher) {}

  async withCredentials<T>(provider: ConnectorProvider, organizationId: string, call: (credentials: ConnectionCredentials) => Promise<T>): Promise<T> {
    const { manifest } = provider;
    const row = await this.auths.find(organizationId, manifest.key);
    if (row?.status === 'REAUTH_REQUIRED') throw reauthRequired(manifest, 'its authorization was revoked or expired');
    // A mock refuses too: a flow tried against mocks must meet the same NOT_CONNECTED it will meet live.
    if (!row?.secretCiphertext || row.status === 'REVOKED') throw ConnectorError.notConnected(manifest.key);
    let connection: OpenedConnection = this.opener.open(manifest, { ...row, secretCiphertext: row.secretCiphertext });
    const refreshable = provider.mode === 'real' && manifest.authType === 'oauth2';
    if (!refreshable) return call(connection.credentials);

    if (row.expiresAt && row.expiresAt.getTime() - Date.now() <= REFRESH_AHEAD_MS) {
      connection = await this.refresher.refresh(manifest, connection, 'expiring');
    }
    try {
      return await call(connection.credentials);
    } catch (error) {
      if (!(error instanceof ConnectorError) || error.category !== 'AUTH_EXPIRED') throw error;
      const refreshed = await this.refresher.refresh(manifest, connection, 'rejected');
      return call(refreshed.credentials);
    }
  }

  async isConnected(organizationId: string, connectorKey: string): Promise<boolean> {
    return (await this.auths.connectedKeys(organizationId)).has(connectorKey);
  }

  connectedKeys(organizationId: string): Promise<Set<string>> {
    return this.auths.connectedKeys(organizationId);
  }
}
