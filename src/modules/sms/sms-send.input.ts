import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, IsTimeZone, IsUUID, Matches, MaxLength } from 'class-validator';
import { SMS_CHANNELS, type SmsChannel } from './sms-channel';

/** The stage takes numbers already normalized by the agent that started it (normalizePhone's output). */
const E164 = /^\+[1-9]\d{7,14}$/;

export class SmsSendInput {
  @ApiProperty({ enum: SMS_CHANNELS })
  @IsIn(SMS_CHANNELS)
  channel!: SmsChannel;

  @ApiProperty({ example: '+14155550123' })
  @IsString()
  @Matches(E164, { message: 'to must be a phone number in E.164 form, such as +14155550123' })
  to!: string;

  @ApiProperty({ maxLength: 1_600 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1_600)
  body!: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  campaignId?: string;

  @ApiPropertyOptional({ example: 'America/New_York', description: "The recipient's time zone; default: their lead's, else the configured default, else UTC" })
  @IsOptional()
  @IsTimeZone()
  timezone?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The run that composed the message: with `to`, it names the one Message row of this send' })
  @IsOptional()
  @IsUUID()
  parentRunId?: string;
}
