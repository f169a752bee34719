import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, IsUrl, Matches, MaxLength } from 'class-validator';

/** Twilio wants E.164: a plus, a country code, at most 15 digits. */
const E164 = /^\+[1-9]\d{6,14}$/;

export class TwilioSendSmsInput {
  @ApiProperty({ example: '+14155550123', description: 'Recipient in E.164 format' })
  @IsString()
  @Matches(E164, { message: 'to must be a phone number in E.164 format, such as +14155550123' })
  to!: string;

  @ApiProperty({ example: 'Spring sale: 20% off everything until Sunday. Reply STOP to opt out.', maxLength: 1600 })
  @IsString()
  @IsNotEmpty()
  // Twilio refuses bodies longer than 1600 characters (error 21617).
  @MaxLength(1600)
  body!: string;

  @ApiPropertyOptional({ example: 'https://cdn.example.com/spring-banner.jpg', description: 'An image to send as MMS (US and Canada)' })
  @IsOptional()
  @IsUrl({ protocols: ['https'], require_protocol: true }, { message: 'mediaUrl must be an https URL' })
  mediaUrl?: string;
}

export class TwilioGetMessageStatusInput {
  @ApiProperty({ example: 'SM1f0e8ae6ade43cb3c0ce4525424e404f', description: 'Message SID returned by send_sms' })
  @IsString()
  @Matches(/^(SM|MM)[0-9a-f]{32}$/, { message: 'sid must be a Twilio message SID (SM or MM and 32 hex digits)' })
  sid!: string;
}
