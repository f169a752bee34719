import { validatePlain } from '../../../common/validation/validate-plain';
import { ConflictError, NotFoundError } from '../../../common/errors/domain-errors';
import { AgentRegistry } from '../../agents/agent-registry';
import { ToolProvider } from '../../tools/tool.decorator';
import type { ToolAction, ToolCallContext, ToolDefinition } from '../../tools/tool.types';
import { RunReads } from '../persistence/run-reads';
import { ChildAgentNotAllowedError } from '../run-errors';
import { SubmitRun } from '../submit-run';
import { GetChildRunInput, StartChildRunInput } from './child-run.dto';

export const RUNS_TOOL = 'runs';

export interface ChildRun {
  runId: string;
  agent: string;
  status: string;
  /** When the child waits for its time (runAt). */
  wakeAt: string | null;
  output?: unknown;
  errorClass?: string | null;
  errorMessage?: string | null;
}

/**
 * Runs starting runs: a compose agent hands each approved send or publication to its stage agent,
 * a campaign launch starts its steps. Each start is a step of the calling run, so a retried or
 * resumed parent replays it instead of starting the child again; the child's idempotency key is
 * the step's own key, so even a start whose record was lost (a crash mid-step) finds the child it
 * already made. Children run as the parent's user, in its organization and campaign.
 */
@ToolProvider()
export class RunsTool implements ToolDefinition {
  readonly name = RUNS_TOOL;
  readonly description = 'Runs of other agents: start one (async, once per step), read one this run started';
  readonly actions: Record<string, ToolAction>;

  constructor(private readonly submission: SubmitRun, private readonly reads: RunReads, private readonly agents: AgentRegistry) {
    this.actions = {
      start: { description: "Starts another agent's run (async; runAt delays it), inheriting this run's campaign", input: StartChildRunInput, execute: (input, context) => this.start(input, context) },
      get: { description: 'Status and output of a run this run started', input: GetChildRunInput, execute: (input, context) => this.get(input, context) },
    };
  }

  private async start(raw: Record<string, unknown>, context: ToolCallContext): Promise<ChildRun> {
    const request = await validatePlain(StartChildRunInput, raw, 'input', 'runs.start input');
    const starts = this.agents.get(context.agent).definition.starts ?? [];
    if (!starts.includes(request.agent)) throw new ChildAgentNotAllowedError(context.agent, request.agent);
    const parent = await this.reads.find(context.runId);
    // Every run has its submitter's user; a user deleted since leaves nobody to act for.
    if (!parent?.userId) throw new ConflictError(`run ${context.runId} has no user to start runs as`);
    const { run } = await this.submission.submit(
      { apiKeyId: `run:${parent.id}`, organizationId: context.organizationId, userId: parent.userId },
      { agent: request.agent, input: request.input, mode: 'async', runAt: request.runAt, intent: request.intent },
      { idempotencyKey: `child:${context.idempotencyKey}`, parentRunId: context.runId, internalAllowed: true },
    );
    return viewOf(run);
  }

  private async get(raw: Record<string, unknown>, context: ToolCallContext): Promise<ChildRun> {
    const { runId } = await validatePlain(GetChildRunInput, raw, 'input', 'runs.get input');
    const run = await this.reads.find(runId);
    if (!run || run.organizationId !== context.organizationId || run.parentRunId !== context.runId) throw new NotFoundError("run started by this run", runId);
    return { ...viewOf(run), output: run.output, errorClass: run.errorClass, errorMessage: run.errorMessage };
  }
}

function viewOf(run: { id: string; agentName: string; status: string; wakeAt: Date | null }): ChildRun {
  return { runId: run.id, agent: run.agentName, status: run.status, wakeAt: run.wakeAt?.toISOString() ?? null };
}
