import { Injectable } from '@nestjs/common';
import { CLS_REQ, ClsService } from 'nestjs-cls';
import type { RequestContext } from '../../infra/cls/request-context';
import { AuditEntry, AuditRepository, AuditStamp } from './audit.repository';

/** What the audit trail keeps in the request's CLS besides the caller's identity. */
interface AuditContext extends RequestContext {
  /**
   * Whether the request wrote an explicit entry (its generic entry would then repeat it). An
   * object put there before the handler and changed in place: @Transactional runs its method in
   * a child CLS context, whose own keys the request's context never sees.
   */
  auditTrail?: { recorded: boolean };
}

export type AuditRecord = Omit<AuditEntry, 'organizationId' | keyof AuditStamp> & { organizationId?: string };

/**
 * Appends to the audit trail inside the caller's transaction, stamped with who (user, API key)
 * and from where (address, request id). Services call `record` in the same @Transactional method
 * as the change, so a change that rolls back leaves no entry and no entry outlives its change.
 */
@Injectable()
export class AuditService {
  constructor(private readonly audit: AuditRepository, private readonly cls: ClsService<AuditContext>) {}

  record(entry: AuditRecord): Promise<void> {
    return this.audit.append({ ...entry, ...this.stamp(), organizationId: entry.organizationId ?? this.cls.get('organizationId')! });
  }

  /**
   * The current caller's stamp, for a change written by plain SQL that inserts its own entry in
   * the same statement (an approval decision); it counts as this request's explicit entry.
   */
  stamp(): AuditStamp {
    if (!this.cls.isActive()) return {};
    this.markHandled();
    // The CLS middleware keeps Fastify's raw request, on which Fastify's middleware layer copies
    // `request.ip` (the client's address as far as TRUST_PROXY allows).
    const request = this.cls.get(CLS_REQ) as { ip?: unknown } | undefined;
    return {
      actorUserId: this.cls.get('userId'),
      apiKeyId: this.cls.get('apiKeyId'),
      requestId: this.cls.getId(),
      ip: typeof request?.ip === 'string' ? request.ip : undefined,
    };
  }

  /**
   * The request asked for a change that was already so (a key revoked again, a configuration
   * sent unchanged): nothing changed, so the request gets no entry either.
   */
  nothingChanged(): void {
    if (this.cls.isActive()) this.markHandled();
  }

  private markHandled(): void {
    const trail = this.cls.get('auditTrail');
    if (trail) trail.recorded = true;
  }

  /** Called before a state-changing handler runs, so its explicit entries can be told apart (see RequestAuditInterceptor). */
  beginRequest(): void {
    if (this.cls.isActive()) this.cls.set('auditTrail', { recorded: false });
  }

  /** Whether this request already wrote an explicit entry. */
  recordedThisRequest(): boolean {
    return this.cls.isActive() && this.cls.get('auditTrail')?.recorded === true;
  }
}
