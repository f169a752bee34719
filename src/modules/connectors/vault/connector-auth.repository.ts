import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterPrisma } from '@nestjs-cls/transactional-adapter-prisma';
import type { Prisma } from '../../../generated/prisma/client';
import { PrismaService } from '../../../infra/prisma/prisma.service';

export const CONNECTOR_AUTH_SELECT = {
  id: true,
  organizationId: true,
  connectionName: true,
  status: true,
  secretCiphertext: true,
  secretKeyId: true,
  metadata: true,
  scopes: true,
  expiresAt: true,
  updatedAt: true,
  connector: { select: { key: true } },
} satisfies Prisma.ConnectorAuthSelect;

export type ConnectorAuthRecord = Prisma.ConnectorAuthGetPayload<{ select: typeof CONNECTOR_AUTH_SELECT }>;

export interface SealedConnection {
  organizationId: string;
  connectorKey: string;
  connectionName: string;
  ciphertext: string;
  keyId: string;
  metadata: Record<string, string>;
  scopes: string[];
  expiresAt: Date | null;
}

/**
 * Connection rows. Reads and token refreshes use the plain client: a refreshed token must survive
 * whatever run transaction the call happens in (the provider has already retired the old one).
 * Operator writes (PUT, DELETE, OAuth callback) go through the open transaction, with their audit entry.
 */
@Injectable()
export class ConnectorAuthRepository {
  constructor(private readonly prisma: PrismaService, private readonly txHost: TransactionHost<TransactionalAdapterPrisma<PrismaService>>) {}

  find(organizationId: string, connectorKey: string, connectionName = 'default'): Promise<ConnectorAuthRecord | null> {
    return this.prisma.connectorAuth.findFirst({ where: { organizationId, connectionName, connector: { key: connectorKey } }, select: CONNECTOR_AUTH_SELECT });
  }

  findById(id: string): Promise<ConnectorAuthRecord | null> {
    return this.prisma.connectorAuth.findUnique({ where: { id }, select: CONNECTOR_AUTH_SELECT });
  }

  async connectedKeys(organizationId: string): Promise<Set<string>> {
    const rows = await this.prisma.connectorAuth.findMany({ where: { organizationId, status: 'ACTIVE', secretCiphertext: { not: null } }, select: { connector: { select: { key: true } } } });
    return new Set(rows.map((r) => r.connector.key));
  }

  /** Replaces the connection's credentials (a reconnect starts ACTIVE again). The connector row is the catalog's, synced at boot. */
  async save(connection: SealedConnection): Promise<ConnectorAuthRecord> {
    const tx = this.txHost.tx;
    const { id: connectorId } = await tx.connector.findUniqueOrThrow({ where: { key: connection.connectorKey }, select: { id: true } });
    const data = {
      status: 'ACTIVE' as const,
      secretCiphertext: connection.ciphertext,
      secretKeyId: connection.keyId,
      metadata: connection.metadata,
      scopes: connection.scopes,
      expiresAt: connection.expiresAt,
    };
    return tx.connectorAuth.upsert({
      where: { organizationId_connectorId_connectionName: { organizationId: connection.organizationId, connectorId, connectionName: connection.connectionName } },
      create: { organizationId: connection.organizationId, connectorId, connectionName: connection.connectionName, ...data },
      update: data,
      select: CONNECTOR_AUTH_SELECT,
    });
  }

  /** The id of the removed row, or undefined when there was none. */
  async remove(organizationId: string, connectorKey: string, connectionName: string): Promise<string | undefined> {
    const row = await this.txHost.tx.connectorAuth.findFirst({ where: { organizationId, connectionName, connector: { key: connectorKey } }, select: { id: true } });
    if (!row) return undefined;
    await this.txHost.tx.connectorAuth.delete({ where: { id: row.id }, select: { id: true } });
    return row.id;
  }

  /**
   * Stores refreshed tokens only over the ciphertext they were refreshed from: a reconnect that
   * landed meanwhile wins. False when the row changed or is gone.
   */
  async replaceTokens(id: string, previousCiphertext: string, next: { ciphertext: string; keyId: string; expiresAt: Date | null; scopes?: string[] }): Promise<boolean> {
    const { count } = await this.prisma.connectorAuth.updateMany({
      where: { id, secretCiphertext: previousCiphertext },
      data: { secretCiphertext: next.ciphertext, secretKeyId: next.keyId, expiresAt: next.expiresAt, ...(next.scopes ? { scopes: next.scopes } : {}) },
    });
    return count === 1;
  }

  /** The provider refused the grant: nothing but a new authorization can fix the connection. */
  async markReauthRequired(id: string, ciphertext: string): Promise<void> {
    await this.prisma.connectorAuth.updateMany({ where: { id, secretCiphertext: ciphertext }, data: { status: 'REAUTH_REQUIRED' } });
  }
}
