import { Injectable } from '@nestjs/common';
import { ConnectorError } from '../connector-error';
import type { ConnectorProvider } from '../connector.types';
import { ConnectorAuthRepository } from './connector-auth.repository';
import type { ConnectionCredentials, CredentialsProvider } from './credentials-provider';
import { Vault } from './vault';

/** Decrypts a connection's credentials for one call; real mode refuses to call without them. */
@Injectable()
export class CredentialsService implements CredentialsProvider {
  constructor(private readonly auths: ConnectorAuthRepository, private readonly vault: Vault) {}

  async withCredentials<T>(provider: ConnectorProvider, organizationId: string, call: (credentials: ConnectionCredentials) => Promise<T>): Promise<T> {
    const key = provider.manifest.key;
    const row = await this.auths.find(organizationId, key);
    if (row?.status === 'REAUTH_REQUIRED') throw new ConnectorError('REAUTH_REQUIRED', `connector ${key} needs to be reconnected: its authorization was revoked or expired`);
    if (!row?.secretCiphertext) {
      if (provider.mode === 'real') throw ConnectorError.notConnected(key);
      return call({ connectionName: 'default', secrets: {}, metadata: {} });
    }
    const secrets = this.vault.open({ organizationId, connectorKey: key, connectionName: row.connectionName }, row.secretCiphertext);
    return call({ connectionName: row.connectionName, secrets, metadata: (row.metadata ?? {}) as Record<string, string> });
  }

  async isConnected(organizationId: string, connectorKey: string): Promise<boolean> {
    return (await this.auths.connectedKeys(organizationId)).has(connectorKey);
  }
}
