import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { PageQuery } from '../../../common/validation/page.query';
import { IsStorableTimestamp } from '../../../common/validation/storable-timestamp';

/** Actions and resource types are dotted or dashed lower-case names (agent_config.changed, campaigns.launch). */
const NAME = /^[a-z0-9_.:-]+$/;

/** Filters of GET /v1/audit-log; each one is an equality on an indexed column (time: a range), and they combine with AND. */
export class ListAuditLogQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'agent_config.changed', description: 'Exact action' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @Matches(NAME, { message: 'action must be lower-case letters, digits and . _ : -' })
  action?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The user who made the change' })
  @IsOptional()
  @IsUUID()
  actorUserId?: string;

  @ApiPropertyOptional({ example: 'agent_config', description: 'The kind of resource changed' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @Matches(NAME, { message: 'resourceType must be lower-case letters, digits and . _ : -' })
  resourceType?: string;

  @ApiPropertyOptional({ description: 'The resource changed (its id or key)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  resourceId?: string;

  @ApiPropertyOptional({ description: 'The X-Request-Id of the request that made the change' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  requestId?: string;

  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'Recorded at or after' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  @IsStorableTimestamp()
  since?: Date;

  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'Recorded before' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  @IsStorableTimestamp()
  until?: Date;
}
