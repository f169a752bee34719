import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsIn, IsNotEmpty, IsObject, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsStorableTimestamp } from '../../../common/validation/storable-timestamp';

export class CreateRunDto {
  @ApiProperty({ example: 'echo', description: 'Name of a registered agent (GET /v1/agents)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  agent!: string;

  @ApiPropertyOptional({ example: 'smoke test', description: 'What the caller wants; recorded on the run' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  intent?: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, example: { message: 'hello', toolCalls: 2 }, description: "Validated against the agent's input schema" })
  @IsOptional()
  @IsObject()
  input?: Record<string, unknown>;

  @ApiPropertyOptional({ enum: ['sync', 'async'], default: 'sync', description: 'sync answers 201 with the finished run; async answers 202 and a worker runs it (the default with runAt)' })
  @IsOptional()
  @IsIn(['sync', 'async'])
  mode?: 'sync' | 'async';

  @ApiPropertyOptional({ type: String, format: 'date-time', example: '2026-12-01T09:00:00-05:00', description: 'Start no earlier than this (an async run, QUEUED and cancellable until then); a past time starts it now' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  @IsStorableTimestamp()
  runAt?: Date;
}
