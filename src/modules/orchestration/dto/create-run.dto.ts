import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsObject, IsOptional, IsString, MaxLength } from 'class-validator';

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

  @ApiPropertyOptional({ enum: ['sync', 'async'], default: 'sync', description: 'sync answers 201 with the finished run; async answers 202 and a worker runs it' })
  @IsOptional()
  @IsIn(['sync', 'async'])
  mode?: 'sync' | 'async';
}
