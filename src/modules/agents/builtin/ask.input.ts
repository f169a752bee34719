import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';

export class AskInput {
  @ApiProperty({ minLength: 1, maxLength: 2_000, example: 'What is your shipping policy for Europe?' })
  @IsString()
  @MinLength(1)
  @MaxLength(2_000)
  question!: string;

  @ApiPropertyOptional({ format: 'uuid', description: "Search only this dataset; default: all of the organization's datasets" })
  @IsOptional()
  @IsUUID()
  datasetId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: "Answer in this brand's default voice" })
  @IsOptional()
  @IsUUID()
  brandId?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 10, default: 5, description: 'Passages to retrieve' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10)
  passages?: number;
}
