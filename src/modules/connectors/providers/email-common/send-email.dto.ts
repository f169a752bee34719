import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsDefined, IsEmail, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';

/** Recipients per message: Gmail and Microsoft Graph accept more, but an agent sending to 50+ people should use a campaign tool. */
export const MAX_RECIPIENTS = 50;
/** RFC 5322 §2.1.1: a header line must not exceed 998 characters. */
export const MAX_SUBJECT_LENGTH = 998;
/** Gmail's JSON send endpoint takes at most 5 MB of encoded message; half a million characters per body part stays well below. */
export const MAX_BODY_LENGTH = 500_000;
/** A line break in a header value would let the caller inject headers (Bcc:) into the message. */
const SINGLE_LINE = /^[^\r\n]*$/;

/**
 * One email, the same for every email provider (SMTP, Gmail, Outlook): mocks and real providers
 * validate it with these rules, so an input the mock accepts is one the real provider can send.
 */
export class SendEmailDto {
  @ApiProperty({ type: [String], format: 'email', maxItems: MAX_RECIPIENTS, example: ['jane@example.com'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_RECIPIENTS)
  @IsEmail({}, { each: true })
  to!: string[];

  @ApiPropertyOptional({ type: [String], format: 'email', maxItems: MAX_RECIPIENTS })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_RECIPIENTS)
  @IsEmail({}, { each: true })
  cc?: string[];

  @ApiProperty({ maxLength: MAX_SUBJECT_LENGTH, example: 'Our spring collection is here' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_SUBJECT_LENGTH)
  @Matches(SINGLE_LINE, { message: 'subject must be a single line' })
  subject!: string;

  @ApiPropertyOptional({ maxLength: MAX_BODY_LENGTH, description: 'Plain-text body; text, html or both are required' })
  @ValidateIf((dto: SendEmailDto) => dto.text !== undefined || dto.html === undefined)
  @IsDefined({ message: 'text or html is required' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_BODY_LENGTH)
  text?: string;

  @ApiPropertyOptional({ maxLength: MAX_BODY_LENGTH, description: 'HTML body; text, html or both are required' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_BODY_LENGTH)
  html?: string;

  @ApiPropertyOptional({ format: 'email' })
  @IsOptional()
  @IsEmail()
  replyTo?: string;
}
