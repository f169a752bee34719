import type { PinoLogger } from 'nestjs-pino';
import type { ConnectorAuthRecord, ConnectorAuthRepository } from '../../src/modules/connectors/vault/connector-auth.repository';
import type { HeldLock, LockAttempt, RefreshLock } from '../../src/modules/connectors/vault/refresh-lock';
import { strictDouble } from './strict-double';

/**
 * Connection rows in a Map, with the repository's compare-and-set semantics; strict: any
 * repository method it does not implement throws when called.
 */
export class InMemoryConnectorAuths {
  readonly rows = new Map<string, ConnectorAuthRecord>();

  add(row: Omit<ConnectorAuthRecord, 'updatedAt' | 'scopes' | 'metadata' | 'secretKeyId' | 'status' | 'connector'> & Partial<ConnectorAuthRecord> & { connectorKey: string }): ConnectorAuthRecord {
    const { connectorKey, ...rest } = row;
    const record: ConnectorAuthRecord = { status: 'ACTIVE', secretKeyId: 'k1', metadata: {}, scopes: [], updatedAt: new Date(), connector: { key: connectorKey }, ...rest };
    this.rows.set(record.id, record);
    return record;
  }

  asRepository(): ConnectorAuthRepository {
    const implemented: Partial<ConnectorAuthRepository> = {
      find: async (organizationId, key, connectionName = 'default') =>
        [...this.rows.values()].find((r) => r.organizationId === organizationId && r.connector.key === key && r.connectionName === connectionName) ?? null,
      findById: async (id) => this.rows.get(id) ?? null,
      connectedKeys: async (organizationId) => new Set([...this.rows.values()].filter((r) => r.organizationId === organizationId && r.status === 'ACTIVE').map((r) => r.connector.key)),
      replaceTokens: async (id, previous, next) => {
        const row = this.rows.get(id);
        if (!row || row.secretCiphertext !== previous) return false;
        this.rows.set(id, { ...row, secretCiphertext: next.ciphertext, secretKeyId: next.keyId, expiresAt: next.expiresAt, scopes: next.scopes ?? row.scopes, updatedAt: new Date() });
        return true;
      },
      markReauthRequired: async (id, ciphertext) => {
        const row = this.rows.get(id);
        if (row?.secretCiphertext === ciphertext) this.rows.set(id, { ...row, status: 'REAUTH_REQUIRED' });
      },
    };
    return strictDouble<ConnectorAuthRepository>('ConnectorAuthRepository', implemented);
  }
}

/** The Redis lock's semantics in memory: one holder per connection, waiters woken on release (no polling). */
export class InMemoryRefreshLock implements RefreshLock {
  private readonly held = new Set<string>();
  private readonly waiters = new Map<string, Array<() => void>>();
  acquisitions = 0;

  async tryAcquire(connectionId: string): Promise<LockAttempt> {
    if (this.held.has(connectionId)) return 'held';
    this.held.add(connectionId);
    this.acquisitions++;
    const lock: HeldLock = {
      release: async () => {
        this.held.delete(connectionId);
        for (const wake of this.waiters.get(connectionId)?.splice(0) ?? []) wake();
      },
    };
    return lock;
  }

  private onWait: Array<() => void> = [];

  /** Resolves when a caller starts waiting for a held lock. */
  someoneWaits(): Promise<void> {
    return new Promise((resolve) => this.onWait.push(resolve));
  }

  waitForRelease(connectionId: string, maxWaitMs: number): Promise<void> {
    if (!this.held.has(connectionId)) return Promise.resolve();
    for (const notify of this.onWait.splice(0)) notify();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, maxWaitMs);
      this.waiters.set(connectionId, [...(this.waiters.get(connectionId) ?? []), () => (clearTimeout(timer), resolve())]);
    });
  }
}

export function silentLogger(): PinoLogger {
  const noop = () => undefined;
  return strictDouble<PinoLogger>('PinoLogger', { setContext: noop, info: noop, warn: noop, error: noop, debug: noop });
}
