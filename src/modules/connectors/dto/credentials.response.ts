import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ConnectionSummary } from '../vault/connections.service';

export class ConnectionView {
  @ApiProperty({ example: 'stripe' }) key!: string;
  @ApiProperty({ enum: ['oauth2', 'api_key', 'basic', 'smtp'] }) authType!: string;
  @ApiProperty({ example: 'default' }) connectionName!: string;
  @ApiProperty({ description: 'Whether calls can use this connection now (false: reconnect it)' }) connected!: boolean;
  @ApiProperty({ enum: ['ACTIVE', 'REAUTH_REQUIRED', 'REVOKED'] }) status!: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, description: 'Masked: at most the last 4 characters', example: { apiKey: '••••1234' } })
  secrets!: Record<string, string>;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) metadata!: Record<string, string>;
  @ApiProperty({ type: [String] }) scopes!: string[];
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true, description: 'When the access token expires (OAuth2)' }) expiresAt!: string | null;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export function toConnectionView(summary: ConnectionSummary): ConnectionView {
  return {
    key: summary.key,
    authType: summary.authType,
    connectionName: summary.connectionName,
    connected: summary.status === 'ACTIVE',
    status: summary.status,
    secrets: summary.secrets,
    metadata: summary.metadata,
    scopes: summary.scopes,
    expiresAt: summary.expiresAt?.toISOString() ?? null,
    updatedAt: summary.updatedAt.toISOString(),
  };
}

export class OAuthStartView {
  @ApiProperty({ description: "Send the user's browser here; the provider redirects back to the callback", example: 'https://provider.example/oauth/authorize?response_type=code&client_id=...' })
  authorizeUrl!: string;
  @ApiProperty({ format: 'date-time', description: 'The flow must be completed before this time (10 minutes)' }) expiresAt!: string;
}
