import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { AuditLogRecord } from '../audit.repository';

export class AuditLogEntryView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'agent_config.changed' }) action!: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'The user who made the change; null for the system (a scheduled job) or a user since erased' })
  actorUserId!: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'The API key the request carried' }) apiKeyId!: string | null;
  @ApiProperty({ example: 'agent_config' }) resourceType!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) resourceId!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: "The request's X-Request-Id" }) requestId!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: '203.0.113.7', description: "The client's address" }) ip!: string | null;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'The HTTP status of the request (entries a request wrote after it succeeded)' }) statusCode!: number | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Facts of the change: names and ids, never secrets or request bodies' }) metadata!: Record<string, unknown>;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, nullable: true, description: 'Configuration changes: the changed values as they were' }) before!: Record<string, unknown> | null;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, nullable: true, description: 'Configuration changes: the changed values as they became' }) after!: Record<string, unknown> | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: string;
}

export class AuditLogPage {
  @ApiProperty({ type: [AuditLogEntryView] }) items!: AuditLogEntryView[];
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Pass as cursor for the next page; null on the last page' }) nextCursor!: string | null;
}

export function toAuditLogEntryView(entry: AuditLogRecord): AuditLogEntryView {
  return {
    id: entry.id,
    action: entry.action,
    actorUserId: entry.actorUserId,
    apiKeyId: entry.apiKeyId,
    resourceType: entry.targetType,
    resourceId: entry.targetId,
    requestId: entry.requestId,
    ip: entry.ip,
    statusCode: entry.statusCode,
    metadata: (entry.metadata ?? {}) as Record<string, unknown>,
    before: (entry.before ?? null) as Record<string, unknown> | null,
    after: (entry.after ?? null) as Record<string, unknown> | null,
    createdAt: entry.createdAt.toISOString(),
  };
}
