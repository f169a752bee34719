import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageQuery } from '../../../common/validation/page.query';
import type { DocumentRecord } from '../documents.repository';

export const DOCUMENT_STATUSES = ['PENDING', 'FETCHING', 'NORMALIZING', 'EMBEDDING', 'READY', 'FAILED'] as const;
export const DOCUMENT_SOURCES = ['URL', 'TEXT', 'FILE'] as const;

export class DocumentErrorView {
  @ApiProperty({ example: 'IntakeError:BLOCKED_ADDRESS', description: 'Error class, with its category when it has one' }) class!: string;
  @ApiProperty({ example: 'refused to connect to 10.0.0.5 (private)' }) message!: string;
}

/** "This object or null", as OpenAPI 3.0 validators read it (see run.response.ts). */
@ApiExtraModels(DocumentErrorView)
export class DocumentResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) datasetId!: string;
  @ApiProperty({ type: String, nullable: true }) title!: string | null;
  @ApiProperty({ enum: DOCUMENT_SOURCES }) source!: (typeof DOCUMENT_SOURCES)[number];
  @ApiProperty({ type: String, nullable: true, description: 'The URL a URL document is fetched from' }) sourceUrl!: string | null;
  @ApiProperty({ type: String, nullable: true, description: "An uploaded file's name" }) fileName!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'text/html; charset=utf-8' }) mimeType!: string | null;
  @ApiProperty({ enum: DOCUMENT_STATUSES, description: 'PENDING, then FETCHING (URLs), NORMALIZING, EMBEDDING, and READY or FAILED' })
  status!: (typeof DOCUMENT_STATUSES)[number];
  @ApiProperty({ description: 'Counts content changes; re-ingesting unchanged content keeps it' }) version!: number;
  @ApiProperty({ type: String, nullable: true, description: 'SHA-256 of the normalized text the searchable chunks were cut from' }) contentHash!: string | null;
  @ApiProperty({ oneOf: [{ $ref: getSchemaPath(DocumentErrorView) }, { type: 'object', nullable: true, enum: [null] }], description: 'Why the last intake failed; null unless it did' })
  error!: DocumentErrorView | null;
  @ApiProperty({ description: 'Searchable chunks' }) chunkCount!: number;
  @ApiProperty({ description: 'Model tokens spent embedding the current version' }) embeddingTokens!: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When the current chunks became searchable' }) readyAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt!: string;
}

export class DocumentPage {
  @ApiProperty({ type: [DocumentResponse] }) items!: DocumentResponse[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as cursor for the next page; null on the last page' }) nextCursor!: string | null;
}

export class ListDocumentsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: DOCUMENT_STATUSES })
  @IsOptional()
  @IsIn(DOCUMENT_STATUSES)
  status?: (typeof DOCUMENT_STATUSES)[number];

}

export function toDocumentResponse(document: DocumentRecord): DocumentResponse {
  return {
    id: document.id,
    datasetId: document.datasetId,
    title: document.title,
    source: document.source,
    sourceUrl: document.sourceUrl,
    fileName: document.fileName,
    mimeType: document.mimeType,
    status: document.status,
    version: document.version,
    contentHash: document.contentHash,
    error: document.errorClass ? { class: document.errorClass, message: document.errorMessage ?? '' } : null,
    chunkCount: document.chunkCount,
    embeddingTokens: document.embeddingTokens,
    readyAt: document.readyAt?.toISOString() ?? null,
    createdAt: document.createdAt.toISOString(),
    updatedAt: document.updatedAt.toISOString(),
  };
}
