import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class HealthResponse {
  @ApiProperty({ enum: ['ok', 'error', 'shutting_down'] }) status!: 'ok' | 'error' | 'shutting_down';
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'Dependencies that are up', example: { postgres: { status: 'up', latencyMs: 1 } } })
  info?: Record<string, unknown>;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'Dependencies that are down', example: { redis: { status: 'down', message: 'redis connection is reconnecting' } } })
  error?: Record<string, unknown>;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'Every dependency checked' })
  details?: Record<string, unknown>;
}

export class HealthSummaryResponse extends HealthResponse {
  @ApiProperty({ example: '0.1.0' }) version!: string;
  @ApiProperty({ description: 'Seconds since the process started', example: 42.1 }) uptimeSeconds!: number;
  @ApiProperty({ enum: ['server', 'embedded'] }) database!: 'server' | 'embedded';
  @ApiProperty({ type: [String], description: 'Connectors running their mock instead of the real provider' }) mockConnectors!: string[];
}
