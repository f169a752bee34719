import { Injectable } from '@nestjs/common';
import { ClsService } from 'nestjs-cls';
import type { RequestContext } from '../../infra/cls/request-context';
import { AuditEntry, AuditRepository } from './audit.repository';

/** Appends to the audit trail inside the caller's transaction, stamped with who and which request. */
@Injectable()
export class AuditService {
  constructor(private readonly audit: AuditRepository, private readonly cls: ClsService<RequestContext>) {}

  record(entry: Omit<AuditEntry, 'organizationId' | 'actorUserId' | 'requestId'> & { organizationId?: string }): Promise<void> {
    return this.audit.append({
      ...entry,
      organizationId: entry.organizationId ?? this.cls.get('organizationId')!,
      actorUserId: this.cls.get('userId'),
      requestId: this.cls.isActive() ? this.cls.getId() : undefined,
    });
  }
}
