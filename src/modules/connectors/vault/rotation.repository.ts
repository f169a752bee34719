import type { PrismaClient } from '../../../generated/prisma/client';
import type { RotationStore, SealedRow } from './rotation';

/** RotationStore over a plain Prisma client: the rotation command runs outside the app, with no request context. */
export class PrismaRotationStore implements RotationStore {
  constructor(private readonly prisma: PrismaClient) {}

  async staleBatch(currentKeyId: string, afterId: string | undefined, limit: number): Promise<SealedRow[]> {
    const rows = await this.prisma.connectorAuth.findMany({
      // A null key id with a ciphertext is stale too (written before key ids were recorded).
      where: { secretCiphertext: { not: null }, OR: [{ secretKeyId: { not: currentKeyId } }, { secretKeyId: null }], ...(afterId ? { id: { gt: afterId } } : {}) },
      orderBy: { id: 'asc' },
      take: limit,
      select: { id: true, organizationId: true, connectionName: true, secretCiphertext: true, connector: { select: { key: true } } },
    });
    return rows.map((r) => ({ id: r.id, owner: { organizationId: r.organizationId, connectorKey: r.connector.key, connectionName: r.connectionName }, ciphertext: r.secretCiphertext! }));
  }

  async replace(id: string, previous: string, next: { ciphertext: string; keyId: string }): Promise<boolean> {
    const { count } = await this.prisma.connectorAuth.updateMany({ where: { id, secretCiphertext: previous }, data: { secretCiphertext: next.ciphertext, secretKeyId: next.keyId } });
    return count === 1;
  }
}
