import { IsBoolean, IsInt, IsOptional, IsString, Min } from 'class-validator';
import { Agent } from '../../src/modules/agents/agent.decorator';
import { RetryableError } from '../../src/modules/agents/agent-errors';
import { RUN_QUEUES } from '../../src/modules/agents/agent-queues';
import type { AgentHandler, AgentRunContext } from '../../src/modules/agents/agent.types';

export const STAGE_PARENT_AGENT = 'e2e.stage_parent';
export const STAGE_CHILD_AGENT = 'e2e.stage_child';

export class StageParentInput {
  @IsInt() @Min(1) children!: number;
  /** Fail the first attempt after starting the children: the retry must replay the starts, not repeat them. */
  @IsOptional() @IsBoolean() failFirstAttempt?: boolean;
  /** Start this agent instead (one the parent does not declare). */
  @IsOptional() @IsString() childAgent?: string;
  /** Wait for each child to end (waitForRun) and answer their outcomes. */
  @IsOptional() @IsBoolean() wait?: boolean;
  /** Children ask a person before they end. */
  @IsOptional() @IsBoolean() childAsks?: boolean;
}

export class StageChildInput {
  @IsInt() n!: number;
  @IsOptional() @IsBoolean() ask?: boolean;
}

/** A compose-like agent on email.compose that hands its work to a stage on email.send, as the channel agents do. */
@Agent({
  name: STAGE_PARENT_AGENT,
  kind: 'EMAIL',
  description: 'Test agent: starts children on a stage queue',
  input: StageParentInput,
  tools: ['runs.start'],
  starts: [STAGE_CHILD_AGENT],
  queue: RUN_QUEUES.emailCompose,
})
export class StageParentAgent implements AgentHandler<StageParentInput> {
  async run(input: StageParentInput, context: AgentRunContext) {
    const runIds: string[] = [];
    for (let n = 1; n <= input.children; n++) {
      const child = await context.tools.call<{ runId: string }>('runs', 'start', { agent: input.childAgent ?? STAGE_CHILD_AGENT, input: { n, ask: input.childAsks ?? false } });
      runIds.push(child.runId);
    }
    if (input.failFirstAttempt && context.attempt === 1) throw new RetryableError('first attempt fails after starting its children');
    if (!input.wait) return { runIds };
    const outcomes = [];
    for (const runId of runIds) outcomes.push(await context.waitForRun(runId));
    return { runIds, outcomes };
  }
}

@Agent({
  name: STAGE_CHILD_AGENT,
  kind: 'EMAIL',
  description: 'Test agent: a stage started by another run',
  input: StageChildInput,
  tools: [],
  queue: RUN_QUEUES.emailSend,
  internal: true,
})
export class StageChildAgent implements AgentHandler<StageChildInput> {
  async run(input: StageChildInput, context: AgentRunContext) {
    if (input.ask) await context.approval.request({ title: `child ${input.n} asks` });
    return { n: input.n };
  }
}

export const STAGE_TEST_AGENTS = [StageParentAgent, StageChildAgent];
