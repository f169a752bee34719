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

export class IntakeUsage {
  @ApiProperty({ description: 'Tokens embedded by knowledge intake (documents that became ready this month)' }) embeddingTokens!: number;
  @ApiProperty() documents!: number;
}

export class BudgetView {
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Tokens per month; null: no limit' }) tokens!: number | null;
  @ApiProperty({ description: 'Tokens used this month: runs and intake' }) used!: number;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Tokens left; null: no limit' }) remaining!: number | null;
  @ApiProperty({ enum: ['organization', 'default'], description: "Whether the budget is the organization's own or the deployment's default" }) source!: 'organization' | 'default';
}

export class UsageReport {
  @ApiProperty({ example: '2026-11' }) month!: string;
  @ApiProperty({ type: BudgetView }) budget!: BudgetView;
  @ApiProperty({ type: UsageFigures, description: 'Model calls of runs' }) totals!: UsageFigures;
  @ApiProperty({ type: [ModelUsageLine] }) byModel!: ModelUsageLine[];
  @ApiProperty({ type: [AgentUsageLine] }) byAgent!: AgentUsageLine[];
  @ApiProperty({ type: IntakeUsage }) intake!: IntakeUsage;
}
