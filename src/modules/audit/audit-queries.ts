import { Injectable } from '@nestjs/common';
import { ValidationFailedError } from '../../common/errors/domain-errors';
import { decodeCursor } from '../../common/validation/page-cursor';
import { AuditLogRecord, AuditRepository } from './audit.repository';
import type { ListAuditLogQuery } from './dto/list-audit-log.query';

export const DEFAULT_PAGE_SIZE = 50;

/** Reading an organization's audit trail: newest first, filtered, a cursor per page. */
@Injectable()
export class AuditQueries {
  constructor(private readonly audit: AuditRepository) {}

  list(organizationId: string, query: ListAuditLogQuery): Promise<{ items: AuditLogRecord[]; nextCursor: string | null }> {
    if (query.since && query.until && query.since.getTime() >= query.until.getTime()) {
      throw new ValidationFailedError(['since', 'until'], 'invalid request: since must be before until');
    }
    const filter = {
      action: query.action,
      actorUserId: query.actorUserId,
      targetType: query.resourceType,
      targetId: query.resourceId,
      requestId: query.requestId,
      since: query.since,
      until: query.until,
    };
    return this.audit.list(organizationId, filter, query.limit ?? DEFAULT_PAGE_SIZE, query.cursor ? decodeCursor(query.cursor) : undefined);
  }
}
