import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsUUID } from 'class-validator';
import { SMS_CHANNELS, type SmsChannel } from '../sms-channel';
import { MAX_SMS_RECIPIENTS } from '../sms.input';
import { IsPhoneNumber } from './recipient-fields';

/** `sms.audience`: who of the numbers and leads given may be texted now, and in which time zone. */
export class SmsAudienceToolInput {
  @ApiProperty({ enum: SMS_CHANNELS })
  @IsIn(SMS_CHANNELS)
  channel!: SmsChannel;

  @ApiPropertyOptional({ type: [String], maxItems: MAX_SMS_RECIPIENTS })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_SMS_RECIPIENTS)
  @IsPhoneNumber({ each: true })
  recipients?: string[];

  @ApiPropertyOptional({ type: [String], format: 'uuid', maxItems: MAX_SMS_RECIPIENTS })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_SMS_RECIPIENTS)
  @IsUUID('all', { each: true })
  leadIds?: string[];

  @ApiPropertyOptional({ format: 'uuid', description: "Checked to be the organization's" })
  @IsOptional()
  @IsUUID()
  campaignId?: string;
}
