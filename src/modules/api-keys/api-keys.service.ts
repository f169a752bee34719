import { Injectable } from '@nestjs/common';
import { Transactional } from '@nestjs-cls/transactional';
import { PinoLogger } from 'nestjs-pino';
import { NotFoundError, UnauthenticatedError } from '../../common/errors/domain-errors';
import { effectivePermissions, type Permission, permissionsOfRole } from '../auth/permissions/permissions';
import { MissingPermissionError } from '../auth/permissions/missing-permission.error';
import { AuditService } from '../audit/audit.service';
import { hashApiKey, issueApiKey, looksLikeApiKey } from './api-key-token';
import { ApiKeyRecord, ApiKeysRepository } from './api-keys.repository';

export interface Principal {
  apiKeyId: string;
  organizationId: string;
  userId: string;
}

export interface Owner {
  organizationId: string;
  userId: string;
}

/** A principal and what its key may do: the owner's role, cut down to the key's own list. */
export interface AuthenticatedKey extends Principal {
  role: string;
  permissions: Permission[];
}

/** Last-used time is a hint for humans, not an audit record: write it at most once a minute per key. */
const TOUCH_INTERVAL_MS = 60_000;

@Injectable()
export class ApiKeysService {
  constructor(
    private readonly keys: ApiKeysRepository,
    private readonly audit: AuditService,
    private readonly logger: PinoLogger,
  ) {
    logger.setContext(ApiKeysService.name);
  }

  async authenticate(token: string): Promise<AuthenticatedKey> {
    if (!looksLikeApiKey(token)) throw new UnauthenticatedError();
    const key = await this.keys.findPrincipalByHash(hashApiKey(token));
    // A key outlives neither its revocation nor its owner's membership of the organization.
    if (!key || key.revokedAt || !key.role) throw new UnauthenticatedError();
    this.touchInBackground(key.id, key.lastUsedAt);
    // The role is read on every request: a changed role or a narrowed key takes effect at once.
    const permissions = effectivePermissions(permissionsOfRole(key.role.name, key.role.permissions), key.keyPermissions.length > 0 ? key.keyPermissions : null);
    return { apiKeyId: key.id, organizationId: key.organizationId, userId: key.userId, role: key.role.name, permissions };
  }

  list(owner: Owner): Promise<ApiKeyRecord[]> {
    return this.keys.listForOwner(owner.organizationId, owner.userId);
  }

  /**
   * A key for the caller, optionally narrowed to some of the caller's permissions. The caller's
   * permissions are the calling key's, so a narrowed key can never mint a broader one.
   */
  @Transactional()
  async create(owner: Owner, name: string, narrowTo: readonly Permission[] | undefined, callerPermissions: readonly Permission[]): Promise<{ key: ApiKeyRecord; plaintext: string }> {
    const beyond = (narrowTo ?? []).find((permission) => !callerPermissions.includes(permission));
    if (beyond) throw new MissingPermissionError(beyond, 'a key cannot be given a permission its creator lacks');
    // Not narrowed: the key carries its owner's permissions. Created by a narrowed key, it is as narrow as that key.
    const permissions = narrowTo ? [...new Set(narrowTo)] : [];
    return this.issue(owner, name, permissions);
  }

  /** Issues a key with exactly these permissions (empty: all of the owner's role); the caller checked them. */
  @Transactional()
  async issue(owner: Owner, name: string, permissions: readonly string[]): Promise<{ key: ApiKeyRecord; plaintext: string }> {
    const issued = issueApiKey();
    const key = await this.keys.create({
      organizationId: owner.organizationId,
      userId: owner.userId,
      name,
      prefix: issued.prefix,
      keyHash: issued.hash,
      permissions: [...permissions],
    });
    await this.audit.record({ action: 'api_key.created', targetType: 'api_key', targetId: key.id, organizationId: owner.organizationId, metadata: { name, permissions: key.permissions } });
    this.logger.info({ apiKeyId: key.id }, 'api key created');
    return { key, plaintext: issued.plaintext };
  }

  /** Idempotent for the owner: revoking an already revoked key succeeds; someone else's key is 404. */
  @Transactional()
  async revoke(owner: Owner, id: string): Promise<void> {
    const revoked = await this.keys.revoke(id, owner.organizationId, owner.userId, new Date());
    if (revoked === 0) {
      if (!(await this.keys.existsForOwner(id, owner.organizationId, owner.userId))) throw new NotFoundError('api key', id);
      this.audit.nothingChanged();
      return;
    }
    await this.audit.record({ action: 'api_key.revoked', targetType: 'api_key', targetId: id });
    this.logger.info({ apiKeyId: id }, 'api key revoked');
  }

  /** A member left or was removed: their keys in that organization are revoked with it. */
  async revokeAllForMember(organizationId: string, userId: string): Promise<number> {
    return this.keys.revokeAllForMember(organizationId, userId, new Date());
  }

  private touchInBackground(id: string, lastUsedAt: Date | null): void {
    const now = new Date();
    if (lastUsedAt && now.getTime() - lastUsedAt.getTime() < TOUCH_INTERVAL_MS) return;
    this.keys.touch(id, now).catch((error: Error) => this.logger.warn({ apiKeyId: id, reason: error.message }, 'api key last-used update failed'));
  }
}
