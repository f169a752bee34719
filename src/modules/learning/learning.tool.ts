import { Inject } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsInt, Max, Min } from 'class-validator';
import { validatePlain } from '../../common/validation/validate-plain';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { AgentRegistry } from '../agents/agent-registry';
import { ToolProvider } from '../tools/tool.decorator';
import type { ToolAction, ToolCallContext, ToolDefinition } from '../tools/tool.types';
import { emailFigures, smsFigures, socialFigures } from './outcome-figures';
import type { AgentFigures, AgentOutcomes, OutcomesReport, TunableAgent } from './outcomes.types';
import { TUNABLE_AGENTS } from './outcomes.types';
import { OutcomesRepository, type Window } from './persistence/outcomes.repository';

export const LEARNING_TOOL = 'learning';
export const OUTCOMES_ACTION = 'outcomes';

const DAY_MS = 24 * 60 * 60 * 1000;

export class OutcomesToolInput {
  @ApiProperty({ type: [String], enum: TUNABLE_AGENTS })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(TUNABLE_AGENTS.length)
  @ArrayUnique()
  @IsIn(TUNABLE_AGENTS, { each: true })
  agents!: TunableAgent[];

  @ApiProperty({ minimum: 7, maximum: 90 })
  @IsInt()
  @Min(7)
  @Max(90)
  days!: number;
}

/**
 * `learning.outcomes`: the organization's outcomes per agent over the last `days`, as one
 * recorded step. The window ends at the moment of the first attempt: a resumed run decides on
 * the same figures.
 */
@ToolProvider()
export class LearningTool implements ToolDefinition {
  readonly name = LEARNING_TOOL;
  readonly description = "Outcomes of the organization's agents (opens, clicks, replies, opt-outs, engagement) aggregated for tuning";
  readonly actions: Record<string, ToolAction>;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig, private readonly agents: AgentRegistry, private readonly outcomes: OutcomesRepository) {
    this.actions = {
      [OUTCOMES_ACTION]: {
        description: 'Input {agents: (email|sms|social|content)[], days: 7-90}; returns {since, until, maxTemperature, agents: [{agent, registered, figures}]}',
        input: OutcomesToolInput,
        execute: (input, context) => this.read(input, context),
      },
    };
  }

  private async read(raw: Record<string, unknown>, context: ToolCallContext): Promise<OutcomesReport> {
    const input = await validatePlain(OutcomesToolInput, raw, 'input', `${LEARNING_TOOL}.${OUTCOMES_ACTION} input`);
    const until = new Date();
    const window = { since: new Date(until.getTime() - input.days * DAY_MS), until };
    const agents: AgentOutcomes[] = [];
    for (const agent of input.agents) {
      agents.push({ agent, registered: this.agents.find(agent) !== undefined, figures: await this.figures(context.organizationId, agent, window) });
    }
    return { since: window.since.toISOString(), until: until.toISOString(), maxTemperature: this.config.agents.maxTemperature, agents };
  }

  private async figures(organizationId: string, agent: TunableAgent, window: Window): Promise<AgentFigures> {
    switch (agent) {
      case 'email':
        return emailFigures(await this.outcomes.emailSends(organizationId, window));
      case 'sms':
        return smsFigures(await this.outcomes.smsSends(organizationId, window));
      case 'social':
        return socialFigures(await this.outcomes.posts(organizationId, window, false));
      case 'content':
        // Content is judged by how the posts made from it did.
        return socialFigures(await this.outcomes.posts(organizationId, window, true));
    }
  }
}
