import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export class EchoInput {
  @ApiPropertyOptional({ maxLength: 10_000 })
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  message?: string;

  @ApiPropertyOptional({ minimum: 0, maximum: 10, description: 'Calls of the built-in mock tool, each recorded' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10)
  toolCalls?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 60_000, description: 'Wait after the tool calls, honouring cancellation and the timeout' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(60_000)
  delayMs?: number;

  @ApiPropertyOptional({ enum: ['retryable', 'fatal'], description: 'Fail after the tool calls and the wait' })
  @IsOptional()
  @IsIn(['retryable', 'fatal'])
  fail?: 'retryable' | 'fatal';

  @ApiPropertyOptional({ description: "Write one audit row in the run's commit transaction when it completes (none when it fails)" })
  @IsOptional()
  @IsBoolean()
  audit?: boolean;

  @ApiPropertyOptional({ description: 'Ask for approval after the tool calls and before replying (the decision is in the output)' })
  @IsOptional()
  @IsBoolean()
  requireApproval?: boolean;

  @ApiPropertyOptional({ minimum: 1, maximum: 604_800_000, description: 'How long an approval may wait before it counts as rejected (default: until decided)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(604_800_000)
  approvalExpiresInMs?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 2_592_000_000, description: 'A durable sleep after the tool calls: the run is released (status WAITING) and resumed by a delayed job' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(2_592_000_000)
  sleepMs?: number;
}
