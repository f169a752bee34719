import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { SUPPORT_CHANNELS, type SupportChannel } from './support-channels';

/** A message a customer sent on a channel, for the support agent to answer in its thread. */
export class SupportInput {
  @ApiProperty({ enum: SUPPORT_CHANNELS, example: 'slack' })
  @IsIn(SUPPORT_CHANNELS)
  channel!: SupportChannel;

  @ApiProperty({
    maxLength: 255,
    example: 'C024BE91L:1712345678.000100',
    description:
      "The channel's thread: slack `<channel id>:<thread ts>`; discord the thread's channel id; whatsapp the customer's number (E.164); email the provider's thread id. One conversation per thread.",
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  threadId!: string;

  @ApiProperty({ maxLength: 320, example: 'U061F7AUR', description: "Who wrote: the sender's user id, number or email address (email: the reply goes to it)" })
  @IsString()
  @IsNotEmpty()
  @MaxLength(320)
  from!: string;

  @ApiProperty({ minLength: 1, maxLength: 4_000, example: 'How long does shipping to the European Union take?' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(4_000)
  text!: string;

  @ApiPropertyOptional({ maxLength: 998, example: 'Shipping to Berlin', description: "The email's subject (the reply's is Re: it)" })
  @IsOptional()
  @IsString()
  @MaxLength(998)
  @Matches(/^[^\r\n]*$/, { message: 'subject must be a single line' })
  subject?: string;

  @ApiPropertyOptional({ format: 'uuid', description: "Answer in this brand's voice; default: the agent configuration's brand" })
  @IsOptional()
  @IsUUID()
  brandId?: string;
}
