import { Injectable } from '@nestjs/common';
import { Transactional } from '@nestjs-cls/transactional';
import { PinoLogger } from 'nestjs-pino';
import { NotFoundError, UnauthenticatedError } from '../../common/errors/domain-errors';
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

  async authenticate(token: string): Promise<Principal> {
    if (!looksLikeApiKey(token)) throw new UnauthenticatedError();
    const key = await this.keys.findPrincipalByHash(hashApiKey(token));
    // A key outlives neither its revocation nor its owner's membership of the organization.
    if (!key || key.revokedAt || !key.memberOfOrganizationIds.includes(key.organizationId)) throw new UnauthenticatedError();
    this.touchInBackground(key.id, key.lastUsedAt);
    return { apiKeyId: key.id, organizationId: key.organizationId, userId: key.userId };
  }

  list(owner: Owner): Promise<ApiKeyRecord[]> {
    return this.keys.listForOwner(owner.organizationId, owner.userId);
  }

  @Transactional()
  async create(owner: Owner, name: string): Promise<{ key: ApiKeyRecord; plaintext: string }> {
    const issued = issueApiKey();
    const key = await this.keys.create({
      organizationId: owner.organizationId,
      userId: owner.userId,
      name,
      prefix: issued.prefix,
      keyHash: issued.hash,
    });
    await this.audit.record({ action: 'api_key.created', targetType: 'api_key', targetId: key.id, metadata: { name } });
    this.logger.info({ apiKeyId: key.id }, 'api key created');
    return { key, plaintext: issued.plaintext };
  }

  /** Idempotent for the owner: revoking an already revoked key succeeds; someone else's key is 404. */
  @Transactional()
  async revoke(owner: Owner, id: string): Promise<void> {
    const revoked = await this.keys.revoke(id, owner.organizationId, owner.userId, new Date());
    if (revoked === 0) {
      if (!(await this.keys.existsForOwner(id, owner.organizationId, owner.userId))) throw new NotFoundError('api key', id);
      return;
    }
    await this.audit.record({ action: 'api_key.revoked', targetType: 'api_key', targetId: id });
    this.logger.info({ apiKeyId: id }, 'api key revoked');
  }

  private touchInBackground(id: string, lastUsedAt: Date | null): void {
    const now = new Date();
    if (lastUsedAt && now.getTime() - lastUsedAt.getTime() < TOUCH_INTERVAL_MS) return;
    this.keys.touch(id, now).catch((error: Error) => this.logger.warn({ apiKeyId: id, reason: error.message }, 'api key last-used update failed'));
  }
}
