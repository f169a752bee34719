import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import type { DatasetRecord } from '../datasets.repository';

export class CreateDatasetDto {
  @ApiProperty({ example: 'Northwind Coffee knowledge', maxLength: 200, description: 'Unique within the organization' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiPropertyOptional({ example: 'Product sheets, sourcing notes and policies', maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;

  @ApiPropertyOptional({ format: 'uuid', description: "One of the organization's brands this dataset is about" })
  @IsOptional()
  @IsUUID()
  brandId?: string;
}

export class DatasetResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: String, nullable: true }) description!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) brandId!: string | null;
  @ApiProperty({ description: 'Documents in the dataset, whatever their status' }) documentCount!: number;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt!: string;
}

export function toDatasetResponse(dataset: DatasetRecord): DatasetResponse {
  return {
    id: dataset.id,
    name: dataset.name,
    description: dataset.description,
    brandId: dataset.brandId,
    documentCount: dataset.documentCount,
    createdAt: dataset.createdAt.toISOString(),
    updatedAt: dataset.updatedAt.toISOString(),
  };
}
