import { Injectable } from '@nestjs/common';
import { Transactional } from '@nestjs-cls/transactional';
import { NotFoundError, ValidationFailedError } from '../../../common/errors/domain-errors';
import { AuditService } from '../../audit/audit.service';
import { ConnectorRegistry } from '../connector-registry';
import type { ConnectorManifest } from '../connector.types';
import { ConnectorAuthRecord, ConnectorAuthRepository } from './connector-auth.repository';
import { ConnectionOpener } from './connection-opener';
import { maskSecrets } from './mask';
import { checkCredentialFields } from './credential-fields';
import { Vault } from './vault';

/** A connection as operators may see it: secrets masked, metadata in clear. */
export interface ConnectionSummary {
  key: string;
  authType: ConnectorManifest['authType'];
  connectionName: string;
  status: ConnectorAuthRecord['status'];
  secrets: Record<string, string>;
  metadata: Record<string, string>;
  scopes: string[];
  expiresAt: Date | null;
  updatedAt: Date;
}

export interface NewCredentials {
  secrets: Record<string, string>;
  metadata?: Record<string, string>;
  scopes?: string[];
  expiresAt?: Date | null;
}

/**
 * Operators' view of connections: store (encrypted, bound to its owner), show (masked), remove.
 * Each change is audited by field names only; no value, masked or not, reaches the audit trail.
 */
@Injectable()
export class ConnectionsService {
  constructor(
    private readonly registry: ConnectorRegistry,
    private readonly auths: ConnectorAuthRepository,
    private readonly opener: ConnectionOpener,
    private readonly vault: Vault,
    private readonly audit: AuditService,
  ) {}

  /** PUT /v1/connectors/:key/credentials: api_key, basic and smtp connectors; fields checked against the manifest. */
  async putCredentials(organizationId: string, key: string, connectionName: string, input: { secrets: Record<string, unknown>; metadata?: Record<string, unknown> }): Promise<ConnectionSummary> {
    const { manifest } = this.registry.get(key);
    if (manifest.authType === 'oauth2') {
      throw new ValidationFailedError(['secrets'], `connector ${key} authorizes with OAuth2: use the OAuth flow, GET /v1/connectors/${key}/oauth/start`);
    }
    const { secrets, metadata } = checkCredentialFields(manifest, input);
    return this.save(organizationId, manifest, connectionName, { secrets, metadata }, 'connector.credentials.saved');
  }

  /** Seals and stores a connection's credentials (PUT, OAuth callback), with its audit entry, in one transaction. */
  @Transactional()
  async save(organizationId: string, manifest: ConnectorManifest, connectionName: string, credentials: NewCredentials, auditAction: string): Promise<ConnectionSummary> {
    const metadata = credentials.metadata ?? {};
    const sealed = this.vault.seal({ organizationId, connectorKey: manifest.key, connectionName }, credentials.secrets);
    // The audit tells a first connection from a replacement of working (or broken) credentials.
    const replaced = (await this.auths.find(organizationId, manifest.key, connectionName))?.secretCiphertext != null;
    const row = await this.auths.save({
      organizationId,
      connectorKey: manifest.key,
      connectionName,
      ciphertext: sealed.ciphertext,
      keyId: sealed.keyId,
      metadata,
      scopes: credentials.scopes ?? [],
      expiresAt: credentials.expiresAt ?? null,
    });
    await this.audit.record({
      organizationId,
      action: auditAction,
      targetType: 'connector_auth',
      targetId: row.id,
      metadata: { connector: manifest.key, connectionName, replaced, secretFields: Object.keys(credentials.secrets).sort(), metadataFields: Object.keys(metadata).sort() },
    });
    return summarize(manifest, row, credentials.secrets);
  }

  async get(organizationId: string, key: string, connectionName: string): Promise<ConnectionSummary> {
    const { manifest } = this.registry.get(key);
    const row = await this.auths.find(organizationId, key, connectionName);
    if (!row?.secretCiphertext) throw new NotFoundError('connection', `${key}/${connectionName}`);
    const opened = this.opener.open(manifest, { ...row, secretCiphertext: row.secretCiphertext });
    return summarize(manifest, row, opened.credentials.secrets);
  }

  @Transactional()
  async remove(organizationId: string, key: string, connectionName: string): Promise<void> {
    this.registry.get(key);
    const id = await this.auths.remove(organizationId, key, connectionName);
    if (!id) throw new NotFoundError('connection', `${key}/${connectionName}`);
    await this.audit.record({ organizationId, action: 'connector.credentials.deleted', targetType: 'connector_auth', targetId: id, metadata: { connector: key, connectionName } });
  }
}

function summarize(manifest: ConnectorManifest, row: ConnectorAuthRecord, secrets: Record<string, string>): ConnectionSummary {
  return {
    key: manifest.key,
    authType: manifest.authType,
    connectionName: row.connectionName,
    status: row.status,
    secrets: maskSecrets(secrets),
    metadata: (row.metadata ?? {}) as Record<string, string>,
    scopes: row.scopes,
    expiresAt: row.expiresAt,
    updatedAt: row.updatedAt,
  };
}
