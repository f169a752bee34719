import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject, IsOptional, IsString, Matches } from 'class-validator';

export const CONNECTION_NAME = /^[A-Za-z0-9_-]{1,64}$/;

export class PutCredentialsDto {
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, description: "The connector's secret fields (credentials.secretFields of GET /v1/connectors/{key}; Stripe's shown); stored encrypted, never returned", example: { secretKey: 'sk_test_4eC39HqLyjWDarjtT1zdp7dc' } })
  @IsObject()
  secrets!: Record<string, unknown>;

  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' }, description: 'Non-secret fields (credentials.metadataFields of GET /v1/connectors/{key}; Shopify\'s shown), stored in clear', example: { shopDomain: 'neon-demo.myshopify.com' } })
  @IsOptional()
  @IsObject()
  metadata?: Record<string, unknown>;

  @ApiPropertyOptional({ default: 'default', description: 'Several connections of one connector per organization are told apart by name' })
  @IsOptional()
  @IsString()
  @Matches(CONNECTION_NAME, { message: 'connectionName must be 1-64 letters, digits, _ or -' })
  connectionName?: string;
}

export class ConnectionQueryDto {
  @ApiPropertyOptional({ default: 'default' })
  @IsOptional()
  @IsString()
  @Matches(CONNECTION_NAME, { message: 'connectionName must be 1-64 letters, digits, _ or -' })
  connectionName?: string;
}
