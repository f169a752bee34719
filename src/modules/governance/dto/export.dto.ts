import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsOptional } from 'class-validator';
import { EXPORT_TABLE_NAMES } from '../exports/export-tables';
import type { ExportRecord } from '../exports/exports.repository';

export class CreateExportDto {
  @ApiPropertyOptional({ enum: EXPORT_TABLE_NAMES, isArray: true, description: 'Only these tables; absent or empty: every table', example: ['campaigns', 'contents'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(EXPORT_TABLE_NAMES.length)
  @IsIn(EXPORT_TABLE_NAMES, { each: true, message: `each value in tables must be one of ${EXPORT_TABLE_NAMES.join(', ')}` })
  tables?: string[];
}

export class ExportManifestFile {
  @ApiProperty({ example: 'campaigns' }) table!: string;
  @ApiProperty({ example: 'campaigns.jsonl' }) file!: string;
  @ApiProperty() rows!: number;
  @ApiProperty() bytes!: number;
  @ApiProperty({ description: 'SHA-256 of the file, hex' }) sha256!: string;
}

export class ExportResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['PENDING', 'RUNNING', 'READY', 'FAILED', 'EXPIRED'] }) status!: string;
  @ApiProperty({ type: [String], description: 'The tables asked for; empty: every table' }) tables!: string[];
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Size of the archive in bytes, once READY' }) sizeBytes!: number | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'SHA-256 of the archive, hex, once READY' }) sha256!: string | null;
  @ApiPropertyOptional({ type: [ExportManifestFile], nullable: true, description: 'What the archive holds, once READY (also in its manifest.json)' })
  files!: ExportManifestFile[] | null;
  @ApiPropertyOptional({ type: String, nullable: true }) error!: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: string;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) finishedAt!: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true, description: 'When the archive is deleted' }) expiresAt!: string | null;
}

export class ExportPage {
  @ApiProperty({ type: [ExportResponse] }) items!: ExportResponse[];
  @ApiPropertyOptional({ type: String, nullable: true }) nextCursor!: string | null;
}

export function toExportResponse(record: ExportRecord): ExportResponse {
  const manifest = record.manifest as { tables?: ExportManifestFile[] } | null;
  return {
    id: record.id,
    status: record.status,
    tables: record.tables,
    sizeBytes: record.sizeBytes === null ? null : Number(record.sizeBytes),
    sha256: record.sha256,
    files: record.status === 'READY' && manifest?.tables ? manifest.tables.map(({ table, file, rows, bytes, sha256 }) => ({ table, file, rows, bytes, sha256 })) : null,
    error: record.errorMessage,
    createdAt: record.createdAt.toISOString(),
    finishedAt: record.finishedAt?.toISOString() ?? null,
    expiresAt: record.expiresAt?.toISOString() ?? null,
  };
}
