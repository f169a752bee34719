import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';
import { DEFAULT_MAX_SMS_SEGMENTS } from './sms-encoding';
import { SMS_CHANNELS, type SmsChannel } from './sms-channel';
import { IsPhoneNumber } from './dto/recipient-fields';

/** One send is one stage run: a thousand recipients is a thousand runs, which is as many as one approval should release. */
export const MAX_SMS_RECIPIENTS = 1_000;
export const MAX_SMS_SEGMENTS_ALLOWED = 10;

export class SmsInput {
  @ApiProperty({ enum: SMS_CHANNELS, example: 'sms' })
  @IsIn(SMS_CHANNELS)
  channel!: SmsChannel;

  @ApiPropertyOptional({ minLength: 1, maxLength: 2_000, example: 'Remind our regulars that the Huila single origin is back this weekend', description: 'What the message should say; the model writes it in the brand voice (give brief or text)' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(2_000)
  brief?: string;

  @ApiPropertyOptional({ minLength: 1, maxLength: 1_600, example: 'Huila is back this weekend at Northwind. Reply STOP to opt out.', description: 'The exact message to send instead of a composed one (give brief or text)' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  // Twilio's own ceiling for one body (error 21617); maxSegments usually binds long before it.
  @MaxLength(1_600)
  text?: string;

  @ApiPropertyOptional({ type: [String], example: ['+14155550123'], description: `Phone numbers in E.164 form (1 to ${MAX_SMS_RECIPIENTS}, with leadIds)` })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_SMS_RECIPIENTS)
  @IsPhoneNumber({ each: true })
  recipients?: string[];

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Marketing leads to text at their phone numbers' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_SMS_RECIPIENTS)
  @IsUUID('all', { each: true })
  leadIds?: string[];

  @ApiPropertyOptional({ format: 'uuid', description: 'The campaign the sends count for' })
  @IsOptional()
  @IsUUID()
  campaignId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: "Write in this brand's voice; default: the configured brand" })
  @IsOptional()
  @IsUUID()
  brandId?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_SMS_SEGMENTS_ALLOWED, default: DEFAULT_MAX_SMS_SEGMENTS, description: 'The most segments one message may cost (160 GSM-7 or 70 UCS-2 characters alone, 153 or 67 each once split)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_SMS_SEGMENTS_ALLOWED)
  maxSegments?: number;
}
