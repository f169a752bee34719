import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { SMS_CHANNELS, type SmsChannel } from '../sms-channel';
import { IsPhoneNumber } from './recipient-fields';

export class InboundSmsDto {
  @ApiProperty({ example: '+14155550123', description: 'The sender, in E.164 form' })
  @IsPhoneNumber()
  from!: string;

  @ApiPropertyOptional({ example: '+15005550006', description: "The organization's number it was sent to" })
  @IsOptional()
  @IsPhoneNumber()
  to?: string;

  @ApiProperty({ maxLength: 1_600, example: 'STOP', description: 'The message; STOP, UNSUBSCRIBE, CANCEL, END, QUIT, STOPALL, REVOKE or OPTOUT opts out, START, UNSTOP or YES opts back in' })
  @IsString()
  @MaxLength(1_600)
  text!: string;

  @ApiProperty({ enum: SMS_CHANNELS, example: 'sms' })
  @IsIn(SMS_CHANNELS)
  channel!: SmsChannel;

  @ApiPropertyOptional({ maxLength: 100, example: 'SM1f0e8ae6ade43cb3c0ce4525424e404f', description: "The provider's id of the message: a redelivered message is then recorded once" })
  @IsOptional()
  @IsString()
  @Matches(/^[\w.:=+/-]{1,100}$/, { message: 'messageId must be 1 to 100 letters, digits and . : = + / - _' })
  messageId?: string;
}

export const INBOUND_OUTCOMES = ['opted_out', 'opted_in', 'received'] as const;
export type InboundOutcome = (typeof INBOUND_OUTCOMES)[number];

export class InboundSmsView {
  @ApiProperty({ enum: INBOUND_OUTCOMES, description: 'opted_out: a STOP keyword suppressed the sender; opted_in: a START keyword lifted their opt-out; received: recorded as an inbound message' })
  outcome!: InboundOutcome;

  @ApiProperty({ enum: SMS_CHANNELS })
  channel!: SmsChannel;

  @ApiProperty({ example: '+14155550123', description: 'The sender, normalized' })
  from!: string;

  @ApiProperty({ description: 'False when it changed nothing: a second STOP, a START with no opt-out to lift' })
  changed!: boolean;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'The inbound Message row (outcome received)' })
  messageId!: string | null;
}
