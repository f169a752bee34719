import { Injectable } from '@nestjs/common';
import { Sql } from '../../../infra/database/sql';
import { jsonParam, timestampParam, type StoredJson } from '../run.records';
import { APPROVAL_SQL } from './approval-sql';

export type ApprovalStatus = 'PENDING' | 'APPROVED' | 'REJECTED' | 'EXPIRED';

export interface ApprovalRecord {
  id: string;
  organizationId: string;
  runId: string;
  step: number;
  title: string;
  summary: string | null;
  payload: StoredJson;
  status: ApprovalStatus;
  expiresAt: Date | null;
  edits: StoredJson | null;
  reviewerId: string | null;
  comment: string | null;
  decidedAt: Date | null;
  createdAt: Date;
}

export interface InboxItem extends Omit<ApprovalRecord, 'organizationId'> {
  agentName: string;
}

export interface NewApproval {
  organizationId: string;
  runId: string;
  step: number;
  title: string;
  summary?: string;
  payload: unknown;
  expiresAt?: Date;
}

/** Durable approval records of runs' steps, on the plain pool like the step log they belong to. */
@Injectable()
export class RunApprovals {
  constructor(private readonly sql: Sql) {}

  /** The step's approval, created pending the first time; `expiredNow` when this call recorded its expiry. */
  async open(approval: NewApproval): Promise<ApprovalRecord & { expiredNow: boolean }> {
    const row = await this.sql.maybeOne<ApprovalRecord & { expiredNow: boolean }>(APPROVAL_SQL.open, [
      approval.organizationId,
      approval.runId,
      approval.step,
      approval.title,
      approval.summary ?? null,
      jsonParam(approval.payload ?? {}),
      approval.expiresAt ? timestampParam(approval.expiresAt) : null,
    ]);
    return row!;
  }

  async isDecided(id: string): Promise<boolean> {
    return (await this.sql.maybeOne<{ decided: boolean }>(APPROVAL_SQL.decided, [id]))?.decided ?? false;
  }

  inbox(organizationId: string, filter: { status?: ApprovalStatus; after?: { createdAt: Date; id: string }; limit: number }): Promise<InboxItem[]> {
    return this.sql.rows<InboxItem>(APPROVAL_SQL.list, [
      organizationId,
      filter.status ?? null,
      filter.after ? timestampParam(filter.after.createdAt) : null,
      filter.after?.id ?? null,
      filter.limit,
    ]);
  }
}
