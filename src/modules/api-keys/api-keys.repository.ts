import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterPrisma } from '@nestjs-cls/transactional-adapter-prisma';
import { Sql } from '../../infra/database/sql';
import { PrismaService } from '../../infra/prisma/prisma.service';

export interface ApiKeyRecord {
  id: string;
  name: string;
  prefix: string;
  permissions: string[];
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export interface ApiKeyPrincipalRecord {
  id: string;
  organizationId: string;
  userId: string;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  /** The key's own list (empty: not narrowed). */
  keyPermissions: string[];
  /** The owner's role in the key's organization; null when the owner is no longer a member. */
  role: { name: string; permissions: string[] } | null;
}

const PUBLIC_FIELDS = { id: true, name: true, prefix: true, permissions: true, createdAt: true, lastUsedAt: true, revokedAt: true } as const;

const PRINCIPAL_BY_HASH = `
  SELECT k."id", k."organization_id" AS "organizationId", k."user_id" AS "userId", k."revoked_at" AS "revokedAt", k."last_used_at" AS "lastUsedAt",
         COALESCE(k."permissions", ARRAY[]::TEXT[]) AS "keyPermissions", r."name" AS "roleName", r."permissions" AS "rolePermissions"
  FROM "api_keys" k
  LEFT JOIN "organization_memberships" m ON m."organization_id" = k."organization_id" AND m."user_id" = k."user_id"
  LEFT JOIN "organization_roles" r ON r."id" = m."role_id"
  WHERE k."key_hash" = $1`;

@Injectable()
export class ApiKeysRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterPrisma<PrismaService>>, private readonly sql: Sql) {}

  private get tx() {
    return this.txHost.tx;
  }

  /**
   * Every authenticated request runs this: one plain statement on the pool, outside any
   * transaction (Prisma's query building and decoding cost more CPU than the lookup itself).
   */
  async findPrincipalByHash(keyHash: string): Promise<ApiKeyPrincipalRecord | null> {
    const row = await this.sql.maybeOne<Omit<ApiKeyPrincipalRecord, 'role'> & { roleName: string | null; rolePermissions: string[] | null }>(PRINCIPAL_BY_HASH, [keyHash]);
    if (!row) return null;
    const { roleName, rolePermissions, ...key } = row;
    return { ...key, role: roleName === null ? null : { name: roleName, permissions: rolePermissions ?? [] } };
  }

  async touch(id: string, at: Date): Promise<void> {
    await this.tx.apiKey.update({ where: { id }, data: { lastUsedAt: at }, select: { id: true } });
  }

  listForOwner(organizationId: string, userId: string): Promise<ApiKeyRecord[]> {
    return this.tx.apiKey.findMany({
      where: { organizationId, userId },
      select: PUBLIC_FIELDS,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    });
  }

  create(data: { organizationId: string; userId: string; name: string; prefix: string; keyHash: string; permissions: string[] }): Promise<ApiKeyRecord> {
    return this.tx.apiKey.create({ data, select: PUBLIC_FIELDS });
  }

  /** Returns the number of keys revoked now: 0 when not the owner's, or already revoked. */
  async revoke(id: string, organizationId: string, userId: string, at: Date): Promise<number> {
    const { count } = await this.tx.apiKey.updateMany({ where: { id, organizationId, userId, revokedAt: null }, data: { revokedAt: at } });
    return count;
  }

  /** Revokes every live key a user holds in an organization (their membership ended); returns how many. */
  async revokeAllForMember(organizationId: string, userId: string, at: Date): Promise<number> {
    const { count } = await this.tx.apiKey.updateMany({ where: { organizationId, userId, revokedAt: null }, data: { revokedAt: at } });
    return count;
  }

  async existsForOwner(id: string, organizationId: string, userId: string): Promise<boolean> {
    return (await this.tx.apiKey.count({ where: { id, organizationId, userId } })) > 0;
  }
}
