import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, IsUrl, MaxLength } from 'class-validator';

export const TEXT_FORMATS = ['markdown', 'text'] as const;
export type TextFormat = (typeof TEXT_FORMATS)[number];

/** A document fetched from a URL. Sending a URL the dataset already has ingests that document again. */
export class CreateUrlDocumentDto {
  @ApiProperty({ example: 'https://northwind-coffee.example/shipping', maxLength: 2048, description: 'http(s) only; addresses inside private networks are refused' })
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false, allow_underscores: true }, { message: 'url must be an http(s) URL' })
  @MaxLength(2048)
  url!: string;

  @ApiPropertyOptional({ maxLength: 300, description: "Defaults to the page's own title" })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  title?: string;
}

/** A document given as text. Sending a title the dataset already has replaces that document's text. */
export class CreateTextDocumentDto {
  @ApiProperty({ example: 'Shipping policy', maxLength: 300 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  title!: string;

  @ApiProperty({ example: '# Shipping\n\nOrders ship within two working days.', maxLength: 1_000_000 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1_000_000)
  text!: string;

  @ApiPropertyOptional({ enum: TEXT_FORMATS, default: 'markdown', description: 'How the text is read: Markdown keeps its structure, plain text has its spacing collapsed' })
  @IsOptional()
  @IsIn(TEXT_FORMATS)
  format?: TextFormat;
}

/** The multipart form of an upload, for the API document. */
export class UploadDocumentForm {
  @ApiProperty({ type: 'string', format: 'binary', description: 'text/plain, text/markdown, text/html or application/pdf; a file name the dataset already has replaces that document' })
  file!: unknown;

  @ApiPropertyOptional({ maxLength: 300, description: "Send before the file part. Defaults to the document's own title" })
  title?: string;
}
