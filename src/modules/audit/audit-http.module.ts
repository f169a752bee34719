import { Module } from '@nestjs/common';
import { AuditLogController } from './audit-log.controller';
import { AuditQueries } from './audit-queries';
import { AuditModule } from './audit.module';
import { AuditRepository } from './audit.repository';
import { RequestAuditInterceptor } from './request-audit.interceptor';

/** The API's side: GET /v1/audit-log and the entry of each state-changing request (see bindRequestAudit). */
@Module({ imports: [AuditModule], controllers: [AuditLogController], providers: [AuditRepository, AuditQueries, RequestAuditInterceptor] })
export class AuditHttpModule {}
