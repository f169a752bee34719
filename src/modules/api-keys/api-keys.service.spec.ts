import { ClsPluginTransactional, NoOpTransactionalAdapter, TransactionHost } from '@nestjs-cls/transactional';
import { Test } from '@nestjs/testing';
import { ClsModule } from 'nestjs-cls';
import { PinoLogger } from 'nestjs-pino';
import { NotFoundError, UnauthenticatedError } from '../../common/errors/domain-errors';
import { MissingPermissionError } from '../auth/permissions/missing-permission.error';
import { PERMISSIONS, ROLE_PERMISSIONS } from '../auth/permissions/permissions';
import { AuditService } from '../audit/audit.service';
import { hashApiKey } from './api-key-token';
import { ApiKeyPrincipalRecord, ApiKeyRecord, ApiKeysRepository } from './api-keys.repository';
import { ApiKeysService } from './api-keys.service';
import { strictMock, type StrictMock } from '../../../test/support/strict-double';

const NOW = new Date('2026-03-01T12:00:00.000Z');
const OWNER = { organizationId: 'org-1', userId: 'user-1' };
const TOKEN = `nh_${'k'.repeat(43)}`;

function principalRecord(overrides: Partial<ApiKeyPrincipalRecord> = {}): ApiKeyPrincipalRecord {
  return {
    id: 'key-1',
    organizationId: OWNER.organizationId,
    userId: OWNER.userId,
    revokedAt: null,
    lastUsedAt: null,
    keyPermissions: [],
    role: { name: 'admin', permissions: [] },
    ...overrides,
  };
}

function keyRecord(overrides: Partial<ApiKeyRecord> = {}): ApiKeyRecord {
  return { id: 'key-2', name: 'ci', prefix: 'nh_abcdefgh', permissions: [], createdAt: NOW, lastUsedAt: null, revokedAt: null, ...overrides };
}

describe(ApiKeysService.name, () => {
  let txHost: TransactionHost;
  let keys: StrictMock<ApiKeysRepository>;
  let audit: StrictMock<AuditService>;
  let logger: StrictMock<PinoLogger>;
  let sut: ApiKeysService;

  beforeAll(async () => {
    // @Transactional() looks its TransactionHost up statically; the no-op adapter gives it one
    // that opens a CLS context and marks a transaction active without any database.
    const transactionClient = strictMock<{ $transaction(): void }>('transaction client', []);
    const moduleRef = await Test.createTestingModule({
      imports: [
        ClsModule.forRoot({
          plugins: [new ClsPluginTransactional({ adapter: new NoOpTransactionalAdapter({ tx: transactionClient, disableWarning: true }) })],
        }),
      ],
    }).compile();
    txHost = moduleRef.get(TransactionHost);
  });

  beforeEach(() => {
    jest.useFakeTimers({ now: NOW, doNotFake: ['nextTick', 'queueMicrotask', 'setImmediate'] });
    keys = strictMock<ApiKeysRepository>('ApiKeysRepository', ['findPrincipalByHash', 'touch', 'listForOwner', 'create', 'revoke', 'existsForOwner']);
    audit = strictMock<AuditService>('AuditService', ['record', 'nothingChanged']);
    logger = strictMock<PinoLogger>('PinoLogger', ['setContext', 'info', 'warn']);
    logger.setContext.mockImplementation(() => undefined);
    sut = new ApiKeysService(keys, audit, logger);
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  it('should name its log context after itself', () => {
    expect(logger.setContext).toHaveBeenCalledWith('ApiKeysService');
  });

  describe('authenticate', () => {
    it.each([
      ['an empty token', ''],
      ['garbage', 'not-a-key'],
      ['a short key', 'nh_short'],
      ['a key with whitespace', ` ${TOKEN}`],
    ])('should reject %s without touching the repository', async (_, token) => {
      await expect(sut.authenticate(token)).rejects.toThrow(UnauthenticatedError);

      expect(keys.findPrincipalByHash).not.toHaveBeenCalled();
    });

    it('should look the key up by the sha256 of the token, never the token itself', async () => {
      keys.findPrincipalByHash.mockResolvedValue(principalRecord({ lastUsedAt: NOW }));

      await sut.authenticate(TOKEN);

      expect(keys.findPrincipalByHash).toHaveBeenCalledWith(hashApiKey(TOKEN));
    });

    it('should reject an unknown key', async () => {
      keys.findPrincipalByHash.mockResolvedValue(null);

      await expect(sut.authenticate(TOKEN)).rejects.toThrow(UnauthenticatedError);
    });

    it('should reject a revoked key', async () => {
      keys.findPrincipalByHash.mockResolvedValue(principalRecord({ revokedAt: new Date(NOW.getTime() - 1000) }));

      await expect(sut.authenticate(TOKEN)).rejects.toThrow(UnauthenticatedError);
    });

    it('should reject a key whose owner is no longer a member of its organization', async () => {
      keys.findPrincipalByHash.mockResolvedValue(principalRecord({ role: null }));

      await expect(sut.authenticate(TOKEN)).rejects.toThrow(UnauthenticatedError);
    });

    it('should say the same thing whatever was wrong with the key', async () => {
      keys.findPrincipalByHash.mockResolvedValue(principalRecord({ revokedAt: NOW }));

      await expect(sut.authenticate(TOKEN)).rejects.toThrow(new UnauthenticatedError().message);
    });

    it('should return the principal of a good key with its role\'s permissions', async () => {
      keys.findPrincipalByHash.mockResolvedValue(principalRecord({ lastUsedAt: NOW, role: { name: 'viewer', permissions: ['*'] } }));

      await expect(sut.authenticate(TOKEN)).resolves.toEqual({ apiKeyId: 'key-1', organizationId: 'org-1', userId: 'user-1', role: 'viewer', permissions: [...ROLE_PERMISSIONS.viewer] });
    });

    it('should cut a narrowed key down to the permissions its owner still holds', async () => {
      keys.findPrincipalByHash.mockResolvedValue(principalRecord({ lastUsedAt: NOW, role: { name: 'viewer', permissions: [] }, keyPermissions: ['runs:read', 'approvals:decide'] }));

      await expect(sut.authenticate(TOKEN)).resolves.toMatchObject({ permissions: ['runs:read'] });
    });

    it('should read a custom role from its stored list, where * is every permission and unknown names are dropped', async () => {
      keys.findPrincipalByHash.mockResolvedValue(principalRecord({ lastUsedAt: NOW, role: { name: 'legacy', permissions: ['runs:read', 'rockets:launch'] } }));
      await expect(sut.authenticate(TOKEN)).resolves.toMatchObject({ permissions: ['runs:read'] });

      keys.findPrincipalByHash.mockResolvedValue(principalRecord({ lastUsedAt: NOW, role: { name: 'legacy', permissions: ['*'] } }));
      await expect(sut.authenticate(TOKEN)).resolves.toMatchObject({ permissions: [...PERMISSIONS] });
    });

    it('should record the first use of a key', async () => {
      keys.findPrincipalByHash.mockResolvedValue(principalRecord({ lastUsedAt: null }));
      keys.touch.mockResolvedValue(undefined);

      await sut.authenticate(TOKEN);

      expect(keys.touch).toHaveBeenCalledWith('key-1', NOW);
    });

    it('should record a use a minute or more after the last recorded one', async () => {
      keys.findPrincipalByHash.mockResolvedValue(principalRecord({ lastUsedAt: new Date(NOW.getTime() - 60_000) }));
      keys.touch.mockResolvedValue(undefined);

      await sut.authenticate(TOKEN);

      expect(keys.touch).toHaveBeenCalledWith('key-1', NOW);
    });

    it('should not write the last-used time again within a minute', async () => {
      keys.findPrincipalByHash.mockResolvedValue(principalRecord({ lastUsedAt: new Date(NOW.getTime() - 59_999) }));

      await sut.authenticate(TOKEN);

      expect(keys.touch).not.toHaveBeenCalled();
    });

    it('should not wait for the last-used update before answering', async () => {
      keys.findPrincipalByHash.mockResolvedValue(principalRecord());
      keys.touch.mockReturnValue(new Promise<void>(() => undefined));

      await expect(sut.authenticate(TOKEN)).resolves.toMatchObject({ apiKeyId: 'key-1' });
    });

    it('should log a failed last-used update instead of failing the request', async () => {
      keys.findPrincipalByHash.mockResolvedValue(principalRecord());
      keys.touch.mockRejectedValue(new Error('connection reset'));
      const warned = new Promise<unknown[]>((resolve) => logger.warn.mockImplementation((...args: unknown[]) => resolve(args)));

      await expect(sut.authenticate(TOKEN)).resolves.toMatchObject({ apiKeyId: 'key-1' });

      await expect(warned).resolves.toEqual([{ apiKeyId: 'key-1', reason: 'connection reset' }, 'api key last-used update failed']);
    });
  });

  describe('list', () => {
    it("should list the owner's keys", async () => {
      const listed = [keyRecord()];
      keys.listForOwner.mockResolvedValue(listed);

      await expect(sut.list(OWNER)).resolves.toBe(listed);

      expect(keys.listForOwner).toHaveBeenCalledWith('org-1', 'user-1');
    });
  });

  describe('create', () => {
    it('should store only the prefix and hash of a new key, audit it, and return the plaintext once', async () => {
      const created = keyRecord();
      keys.create.mockResolvedValue(created);
      audit.record.mockResolvedValue(undefined);
      logger.info.mockImplementation(() => undefined);

      const result = await sut.create(OWNER, 'ci', undefined, PERMISSIONS);

      expect(result.key).toBe(created);
      expect(result.plaintext).toMatch(/^nh_[A-Za-z0-9_-]{43}$/);
      expect(keys.create).toHaveBeenCalledWith({
        organizationId: 'org-1',
        userId: 'user-1',
        name: 'ci',
        prefix: result.plaintext.slice(0, 11),
        keyHash: hashApiKey(result.plaintext),
        permissions: [],
      });
      expect(audit.record).toHaveBeenCalledWith({ action: 'api_key.created', targetType: 'api_key', targetId: 'key-2', organizationId: 'org-1', metadata: { name: 'ci', permissions: [] } });
      expect(logger.info).toHaveBeenCalledWith({ apiKeyId: 'key-2' }, 'api key created');
      expect(JSON.stringify([keys.create.mock.calls, audit.record.mock.calls, logger.info.mock.calls])).not.toContain(result.plaintext);
    });

    it('should write the key and its audit entry in one transaction', async () => {
      const inTransaction: boolean[] = [];
      keys.create.mockImplementation(async () => {
        inTransaction.push(txHost.isTransactionActive());
        return keyRecord();
      });
      audit.record.mockImplementation(async () => {
        inTransaction.push(txHost.isTransactionActive());
      });
      logger.info.mockImplementation(() => undefined);

      await sut.create(OWNER, 'ci', undefined, PERMISSIONS);

      expect(inTransaction).toEqual([true, true]);
      expect(txHost.isTransactionActive()).toBe(false);
    });

    it('should fail, without claiming success, when the audit entry cannot be written', async () => {
      keys.create.mockResolvedValue(keyRecord());
      audit.record.mockRejectedValue(new Error('audit down'));

      await expect(sut.create(OWNER, 'ci', undefined, PERMISSIONS)).rejects.toThrow('audit down');

      expect(logger.info).not.toHaveBeenCalled();
    });
  });

  describe('create, narrowed', () => {
    it('should store the narrowed list once, without repeats', async () => {
      keys.create.mockResolvedValue(keyRecord({ permissions: ['runs:read'] }));
      audit.record.mockResolvedValue(undefined);
      logger.info.mockImplementation(() => undefined);

      await sut.create(OWNER, 'dashboard', ['runs:read', 'runs:read'], ROLE_PERMISSIONS.viewer);

      expect(keys.create).toHaveBeenCalledWith(expect.objectContaining({ permissions: ['runs:read'] }));
    });

    it('should refuse, naming it, a permission the calling key does not hold, and write nothing', async () => {
      await expect(sut.create(OWNER, 'escalate', ['runs:read', 'approvals:decide'], ROLE_PERMISSIONS.viewer)).rejects.toThrow(new MissingPermissionError('approvals:decide', 'a key cannot be given a permission its creator lacks'));

      expect(keys.create).not.toHaveBeenCalled();
    });
  });

  describe('revoke', () => {
    it('should revoke the key now and audit it', async () => {
      keys.revoke.mockResolvedValue(1);
      audit.record.mockResolvedValue(undefined);
      logger.info.mockImplementation(() => undefined);

      await sut.revoke(OWNER, 'key-1');

      expect(keys.revoke).toHaveBeenCalledWith('key-1', 'org-1', 'user-1', NOW);
      expect(audit.record).toHaveBeenCalledWith({ action: 'api_key.revoked', targetType: 'api_key', targetId: 'key-1' });
      expect(logger.info).toHaveBeenCalledWith({ apiKeyId: 'key-1' }, 'api key revoked');
    });

    it('should succeed without auditing again when the key was already revoked', async () => {
      keys.revoke.mockResolvedValue(0);
      keys.existsForOwner.mockResolvedValue(true);
      audit.nothingChanged.mockReturnValue(undefined);

      await expect(sut.revoke(OWNER, 'key-1')).resolves.toBeUndefined();

      expect(keys.existsForOwner).toHaveBeenCalledWith('key-1', 'org-1', 'user-1');
      expect(audit.record).not.toHaveBeenCalled();
      expect(audit.nothingChanged).toHaveBeenCalledTimes(1);
    });

    it("should answer not found for a key that is not the owner's", async () => {
      keys.revoke.mockResolvedValue(0);
      keys.existsForOwner.mockResolvedValue(false);

      await expect(sut.revoke(OWNER, 'key-9')).rejects.toThrow(new NotFoundError('api key', 'key-9'));

      expect(audit.record).not.toHaveBeenCalled();
    });

    it('should revoke and audit in one transaction', async () => {
      const inTransaction: boolean[] = [];
      keys.revoke.mockImplementation(async () => {
        inTransaction.push(txHost.isTransactionActive());
        return 1;
      });
      audit.record.mockImplementation(async () => {
        inTransaction.push(txHost.isTransactionActive());
      });
      logger.info.mockImplementation(() => undefined);

      await sut.revoke(OWNER, 'key-1');

      expect(inTransaction).toEqual([true, true]);
    });
  });
});
