import { Injectable } from '@nestjs/common';
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

/** Connection rows. Plain client: credentials are read and written outside any run transaction. */
@Injectable()
export class ConnectorAuthRepository {
  constructor(private readonly prisma: PrismaService) {}

  find(organizationId: string, connectorKey: string, connectionName = 'default'): Promise<ConnectorAuthRecord | null> {
    return this.prisma.connectorAuth.findFirst({ where: { organizationId, connectionName, connector: { key: connectorKey } }, select: CONNECTOR_AUTH_SELECT });
  }

  async connectedKeys(organizationId: string): Promise<Set<string>> {
    const rows = await this.prisma.connectorAuth.findMany({ where: { organizationId, status: 'ACTIVE', secretCiphertext: { not: null } }, select: { connector: { select: { key: true } } } });
    return new Set(rows.map((r) => r.connector.key));
  }
}
