import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class UsageFigures {
  @ApiProperty() inputTokens!: number;
  @ApiProperty() outputTokens!: number;
  @ApiProperty({ description: 'USD of the priced calls' }) costUsd!: number;
  @ApiProperty({ description: 'Calls whose model has no price; costUsd leaves them out' }) unpricedCalls!: number;
  @ApiProperty({ description: 'Model calls' }) calls!: number;
}

export class ModelUsageLine extends UsageFigures {
  @ApiProperty({ example: 'openai.chat' }) provider!: string;
  @ApiProperty({ example: 'gpt-4o-mini' }) model!: string;
}

export class AgentUsageLine extends UsageFigures {
  @ApiProperty({ example: 'ask' }) agent!: string;
  @ApiProperty({ description: 'Runs that made model calls' }) runs!: number;
}

export class OutsideRunUsageLine extends UsageFigures {
  @ApiProperty({ example: 'knowledge.intake', description: 'What the calls were for' }) purpose!: string;
  @ApiProperty({ example: 'openai.embedding' }) provider!: string;
  @ApiProperty({ example: 'text-embedding-3-small' }) model!: string;
}

export class BudgetView {
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Tokens per month; null: no limit' }) tokens!: number | null;
  @ApiProperty({ description: 'Tokens used this month: runs and calls outside runs' }) used!: number;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Tokens left; null: no limit' }) remaining!: number | null;
  @ApiProperty({ enum: ['organization', 'default'], description: "Whether the budget is the organization's own or the deployment's default" }) source!: 'organization' | 'default';
}

export class UsageReport {
  @ApiProperty({ example: '2026-11' }) month!: string;
  @ApiProperty({ type: BudgetView }) budget!: BudgetView;
  @ApiProperty({ type: UsageFigures, description: 'Every model call of the month: runs and outside runs' }) totals!: UsageFigures;
  @ApiProperty({ type: [ModelUsageLine], description: 'Model calls of runs, per model' }) byModel!: ModelUsageLine[];
  @ApiProperty({ type: [AgentUsageLine], description: 'Model calls of runs, per agent' }) byAgent!: AgentUsageLine[];
  @ApiProperty({ type: [OutsideRunUsageLine], description: 'Model calls outside runs (knowledge intake, brand voices), per purpose and model' }) outsideRuns!: OutsideRunUsageLine[];
}
