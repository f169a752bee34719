import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject, IsOptional, IsString, Matches } from 'class-validator';

export const CONNECTION_NAME = /^[A-Za-z0-9_-]{1,64}$/;

export class PutCredentialsDto {
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, description: "The connector's secret fields (see its manifest); stored encrypted, never returned", example: { apiKey: 'sk_live_...' } })
  @IsObject()
  secrets!: Record<string, unknown>;

  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' }, description: 'Non-secret fields (shop domain, account id), stored in clear', example: { accountId: 'acct_123' } })
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
