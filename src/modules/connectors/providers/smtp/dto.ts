import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional } from 'class-validator';
import { SendEmailDto } from '../email-common/send-email.dto';

/** send_email: one message through the organization's own SMTP server. */
export class SmtpSendEmailDto extends SendEmailDto {}

/** verify_connection: connect (and by default log in) with the stored settings, sending nothing. */
export class SmtpVerifyConnectionDto {
  @ApiPropertyOptional({ default: true, description: 'false only checks that the server answers (greeting and EHLO), without logging in' })
  @IsOptional()
  @IsBoolean()
  authenticate?: boolean;
}
