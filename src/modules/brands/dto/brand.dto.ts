import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUrl, MaxLength } from 'class-validator';
import type { BrandRecord } from '../persistence/brands.repository';
import { IsName, IsOmittable, MAX_NAME } from './fields';

export class CreateBrandDto {
  @ApiProperty({ example: 'Northwind Coffee', maxLength: MAX_NAME, description: 'Unique within the organization' })
  @IsName()
  name!: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, format: 'uri', maxLength: 500, example: 'https://northwind.example' })
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  @MaxLength(500)
  website?: string | null;
}

/** PATCH: only the fields sent change; null clears description or website. */
export class UpdateBrandDto {
  @ApiPropertyOptional({ maxLength: MAX_NAME })
  @IsOmittable()
  @IsName()
  name?: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, format: 'uri', maxLength: 500 })
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  @MaxLength(500)
  website?: string | null;
}

export class BrandResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) description!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) website!: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt!: string;
}

export class BrandPage {
  @ApiProperty({ type: [BrandResponse] }) items!: BrandResponse[];
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Pass as cursor for the next page; null on the last page' }) nextCursor!: string | null;
}

export function toBrandResponse(brand: BrandRecord): BrandResponse {
  return {
    id: brand.id,
    name: brand.name,
    description: brand.description,
    website: brand.website,
    createdAt: brand.createdAt.toISOString(),
    updatedAt: brand.updatedAt.toISOString(),
  };
}
