import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

/** The Cloud API takes recipients in E.164 (with or without the plus); we ask for the plus. */
const E164 = /^\+[1-9]\d{6,14}$/;

export class WhatsAppSendMessageInput {
  @ApiProperty({ example: '+14155550123', description: 'Recipient in E.164 format' })
  @IsString()
  @Matches(E164, { message: 'to must be a phone number in E.164 format, such as +14155550123' })
  to!: string;

  @ApiProperty({ example: 'Thanks for your order! It ships tomorrow.', maxLength: 4096 })
  @IsString()
  @IsNotEmpty()
  // The Cloud API's limit for a text message body.
  @MaxLength(4096)
  text!: string;

  @ApiPropertyOptional({ default: false, description: 'Render a preview of the first URL in the text' })
  @IsOptional()
  @IsBoolean()
  previewUrl?: boolean;
}

export class WhatsAppSendTemplateInput {
  @ApiProperty({ example: '+14155550123', description: 'Recipient in E.164 format' })
  @IsString()
  @Matches(E164, { message: 'to must be a phone number in E.164 format, such as +14155550123' })
  to!: string;

  @ApiProperty({ example: 'spring_sale_announcement', description: 'Name of an approved message template' })
  @IsString()
  @Matches(/^[a-z0-9_]{1,512}$/, { message: 'templateName must be lowercase letters, digits and underscores' })
  templateName!: string;

  @ApiProperty({ example: 'en_US', description: 'Template language code (en, en_US, pt_BR, ...)' })
  @IsString()
  @Matches(/^[a-z]{2,3}(_[A-Z]{2})?$/, { message: 'languageCode must look like en or en_US' })
  languageCode!: string;

  @ApiPropertyOptional({ type: [String], example: ['Maya', '20%'], description: 'Values for the body placeholders {{1}}, {{2}}, ...' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(1024, { each: true })
  bodyParameters?: string[];
}
