import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsObject, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQuery } from '../../../common/validation/page.query';
import type { ApprovalStatus, InboxItem } from '../waits/run-approvals';

export class DecideApprovalDto {
  @ApiProperty({ enum: ['approve', 'reject'] })
  @IsIn(['approve', 'reject'])
  decision!: 'approve' | 'reject';

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: "Changes to the request's payload (say, a corrected post); the agent acts on them instead of its draft" })
  @IsOptional()
  @IsObject()
  edits?: Record<string, unknown>;

  @ApiPropertyOptional({ maxLength: 2_000 })
  @IsOptional()
  @IsString()
  @MaxLength(2_000)
  comment?: string;
}

const STATUSES = ['pending', 'approved', 'rejected', 'expired'] as const;

export class ListApprovalsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: STATUSES, description: 'pending: the review inbox (only approvals a run still waits for)' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.toLowerCase() : value))
  @IsIn(STATUSES)
  status?: (typeof STATUSES)[number];
}

export class ApprovalView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) runId!: string;
  @ApiProperty({ example: 'social' }) agent!: string;
  @ApiProperty({ description: "The step of the run's step log that asked" }) step!: number;
  @ApiProperty() title!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) summary!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'What the reviewer decides on (secrets redacted)' }) payload!: unknown;
  @ApiProperty({ enum: ['pending', 'approved', 'rejected', 'expired'] }) status!: string;
  @ApiProperty({ type: String, format: 'date-time' }) requestedAt!: string;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true, description: 'Undecided by then counts as rejected' }) expiresAt!: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) decidedAt!: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'The user who decided' }) reviewer!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) comment!: string | null;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, nullable: true }) edits!: unknown;
}

export class ApprovalPage {
  @ApiProperty({ type: [ApprovalView] }) items!: ApprovalView[];
  @ApiPropertyOptional({ type: String, nullable: true }) nextCursor!: string | null;
}

const iso = (date: Date | null): string | null => (date ? new Date(date).toISOString() : null);

export function toApprovalView(row: Omit<InboxItem, 'agentName'> & { agentName?: string }, agent = row.agentName ?? ''): ApprovalView {
  return {
    id: row.id,
    runId: row.runId,
    agent,
    step: row.step,
    title: row.title,
    summary: row.summary,
    payload: row.payload,
    status: (row.status as ApprovalStatus).toLowerCase(),
    requestedAt: new Date(row.createdAt).toISOString(),
    expiresAt: iso(row.expiresAt),
    decidedAt: iso(row.decidedAt),
    reviewer: row.reviewerId,
    comment: row.comment,
    edits: row.edits,
  };
}
