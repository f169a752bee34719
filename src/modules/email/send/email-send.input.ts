import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { EMAIL_CONNECTORS, type EmailConnector } from '../email-connectors';

export const EMAIL_SEND_AGENT = 'email-send';

/** One message row per sequence, step and recipient: a retried or repeated send finds its row. */
export function emailDedupeKey(sequenceId: string, step: number, to: string): string {
  return `email:${sequenceId}:${step}:${to}`;
}

/** One approved email to one recipient, as the email agent hands it over (the footer already in the body). */
export class EmailSendInput {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  sequenceId!: string;

  @ApiProperty({ minimum: 1, maximum: 5 })
  @IsInt()
  @Min(1)
  @Max(5)
  step!: number;

  @ApiProperty({ format: 'email' })
  @IsEmail()
  @MaxLength(320)
  to!: string;

  @ApiProperty({ maxLength: 998 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(998)
  @Matches(/^[^\r\n]*$/, { message: 'subject must be a single line' })
  subject!: string;

  @ApiProperty({ maxLength: 20_000 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(20_000)
  body!: string;

  @ApiProperty({ enum: EMAIL_CONNECTORS })
  @IsIn(EMAIL_CONNECTORS)
  connector!: EmailConnector;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  campaignId?: string;
}
