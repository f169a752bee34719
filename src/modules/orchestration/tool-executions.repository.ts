import { Injectable } from '@nestjs/common';
import type { Prisma } from '../../generated/prisma/client';
import type { ToolExecutionStatus } from '../../generated/prisma/enums';
import { PrismaService } from '../../infra/prisma/prisma.service';

export const TOOL_EXECUTION_SELECT = {
  id: true,
  toolName: true,
  connectorKey: true,
  action: true,
  step: true,
  attempt: true,
  status: true,
  input: true,
  output: true,
  errorClass: true,
  errorMessage: true,
  startedAt: true,
  finishedAt: true,
  durationMs: true,
} satisfies Prisma.ToolExecutionSelect;

export type ToolExecutionRecord = Prisma.ToolExecutionGetPayload<{ select: typeof TOOL_EXECUTION_SELECT }>;

/**
 * The run's durable step log. Always the plain client, never the run's transaction: a tool call
 * that really happened (an email sent) stays on record even when the run rolls back.
 */
@Injectable()
export class ToolExecutionsRepository {
  constructor(private readonly prisma: PrismaService) {}

  async start(row: {
    organizationId: string;
    runId: string;
    toolId?: string;
    toolName: string;
    connectorKey?: string;
    action: string;
    step: number;
    attempt: number;
    input: Prisma.InputJsonValue;
  }): Promise<string> {
    // Raw statements on the two writes every tool call pays for: Prisma's query building costs
    // more CPU than the statement itself here (see README, "Figures").
    const [created] = await this.prisma.$queryRaw<Array<{ id: string }>>`
      INSERT INTO "tool_executions" ("organization_id", "run_id", "tool_id", "tool_name", "connector_key", "action", "step", "attempt", "status", "input")
      VALUES (${row.organizationId}::uuid, ${row.runId}::uuid, ${row.toolId ?? null}::uuid, ${row.toolName}, ${row.connectorKey ?? null}, ${row.action},
              ${row.step}, ${row.attempt}, 'RUNNING'::"ToolExecutionStatus", ${JSON.stringify(row.input)}::jsonb)
      RETURNING "id"`;
    return created.id;
  }

  async finish(
    id: string,
    status: Exclude<ToolExecutionStatus, 'RUNNING'>,
    result: { output?: Prisma.InputJsonValue; errorClass?: string; errorMessage?: string; durationMs: number },
  ): Promise<void> {
    await this.prisma.$executeRaw`
      UPDATE "tool_executions"
      SET "status" = ${status}::"ToolExecutionStatus", "output" = ${result.output === undefined ? null : JSON.stringify(result.output)}::jsonb,
          "error_class" = ${result.errorClass ?? null}, "error_message" = ${result.errorMessage ?? null},
          "duration_ms" = ${result.durationMs}, "finished_at" = CURRENT_TIMESTAMP(3)
      WHERE "id" = ${id}::uuid`;
  }

  /** A step that already succeeded in an earlier attempt: its recorded result replaces the call. */
  findSucceededStep(runId: string, step: number): Promise<ToolExecutionRecord | null> {
    return this.prisma.toolExecution.findFirst({ where: { runId, step, status: 'SUCCEEDED' }, orderBy: { attempt: 'asc' }, select: TOOL_EXECUTION_SELECT });
  }

  listForRun(runId: string): Promise<ToolExecutionRecord[]> {
    return this.prisma.toolExecution.findMany({ where: { runId }, orderBy: [{ step: 'asc' }, { attempt: 'asc' }], select: TOOL_EXECUTION_SELECT });
  }
}
