import { Injectable } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import type { ConnectorManifest } from '../connector.types';
import type { ConnectorAuthRecord } from './connector-auth.repository';
import type { ConnectionCredentials } from './credentials-provider';
import { reauthRequired } from './reconnect';
import { SecretDecryptionError } from './secret-box';
import { Vault } from './vault';

/** Decrypted credentials, with the ciphertext they came from (refreshes compare it to detect a concurrent change). */
export interface OpenedConnection {
  id: string;
  organizationId: string;
  ciphertext: string;
  credentials: ConnectionCredentials;
}

/**
 * Decrypts a connection row for its owner. A ciphertext that fails authentication (copied from
 * another tenant's row, altered, or sealed under a key dropped from NEONHUB_ENCRYPTION_KEYS) is a
 * connection that cannot be used: REAUTH_REQUIRED (424, not retryable) telling the tenant to
 * reconnect, and an error log for operators, who may be looking at tampering or a bad key ring.
 * Nothing of the ciphertext or the plaintext reaches either.
 */
@Injectable()
export class ConnectionOpener {
  constructor(private readonly vault: Vault, private readonly logger: PinoLogger) {
    logger.setContext(ConnectionOpener.name);
  }

  open(manifest: Pick<ConnectorManifest, 'key' | 'authType'>, row: ConnectorAuthRecord & { secretCiphertext: string }): OpenedConnection {
    const owner = { organizationId: row.organizationId, connectorKey: manifest.key, connectionName: row.connectionName };
    try {
      const secrets = this.vault.open(owner, row.secretCiphertext);
      return { id: row.id, organizationId: row.organizationId, ciphertext: row.secretCiphertext, credentials: { connectionName: row.connectionName, secrets, metadata: asStrings(row.metadata) } };
    } catch (error) {
      if (!(error instanceof SecretDecryptionError)) throw error;
      this.logger.error({ connector: manifest.key, organizationId: row.organizationId, connectionId: row.id, keyId: row.secretKeyId }, 'stored credentials failed authentication: altered, copied from another connection, or sealed under a key no longer in the ring');
      throw reauthRequired(manifest, 'its stored credentials cannot be decrypted for this organization');
    }
  }
}

function asStrings(metadata: unknown): Record<string, string> {
  if (typeof metadata !== 'object' || metadata === null) return {};
  return Object.fromEntries(Object.entries(metadata).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
}
