import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { MOCK_FAILURES } from '../mock/mock-state';

export class FailureRuleDto {
  @ApiProperty({ example: 'slack' }) @IsString() @MaxLength(64) connector!: string;
  @ApiPropertyOptional({ example: 'send_message', description: 'Any action when omitted' }) @IsOptional() @IsString() @MaxLength(64) action?: string;
  @ApiProperty({ enum: MOCK_FAILURES }) @IsIn(MOCK_FAILURES) failure!: (typeof MOCK_FAILURES)[number];
  @ApiProperty({ minimum: 1, maximum: 1000, description: 'How many calls fail' }) @IsInt() @Min(1) @Max(1000) times!: number;
}

export class SetFailuresDto {
  @ApiProperty({ type: [FailureRuleDto] })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => FailureRuleDto)
  rules!: FailureRuleDto[];
}

export class OutboxEntryView {
  @ApiProperty() connector!: string;
  @ApiProperty() action!: string;
  @ApiProperty() sequence!: number;
  @ApiProperty({ type: 'object', additionalProperties: true }) input!: unknown;
  @ApiProperty({ type: 'object', additionalProperties: true }) output!: unknown;
  @ApiProperty() idempotencyKey!: string;
}
