import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { targetConstructorToSchema } from 'class-validator-jsonschema';
import type { ConnectorManifest, ConnectorMode } from '../connector.types';

export class ConnectorActionView {
  @ApiProperty({ example: 'send_message' }) name!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ enum: ['read', 'write'] }) effect!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'JSON schema of the action input' }) inputSchema!: unknown;
  @ApiProperty({ description: 'An example of what the action returns' }) outputExample!: unknown;
}

export class ConnectorView {
  @ApiProperty({ example: 'slack' }) key!: string;
  @ApiProperty({ example: 'Slack' }) displayName!: string;
  @ApiProperty({ example: 'SLACK' }) kind!: string;
  @ApiProperty({ enum: ['oauth2', 'api_key', 'basic', 'smtp'] }) authType!: string;
  @ApiProperty({ type: [String] }) scopes!: string[];
  @ApiProperty({ example: { requests: 50, perSeconds: 60 } }) rateLimit!: { requests: number; perSeconds: number };
  @ApiProperty({ enum: ['real', 'mock'], description: 'How this deployment runs the connector' }) mode!: ConnectorMode;
  @ApiProperty({ description: 'Whether a real implementation exists (false: mock only, for now)' }) realAvailable!: boolean;
  @ApiProperty({ description: 'Whether the caller\'s organization has stored credentials for it' }) connected!: boolean;
  @ApiPropertyOptional({ type: [ConnectorActionView] }) actions?: ConnectorActionView[];
}

export function toConnectorView(manifest: ConnectorManifest, mode: ConnectorMode, connected: boolean, withActions: boolean): ConnectorView {
  return {
    key: manifest.key,
    displayName: manifest.displayName,
    kind: manifest.kind,
    authType: manifest.authType,
    scopes: manifest.scopes,
    rateLimit: manifest.rateLimit,
    mode,
    realAvailable: manifest.realAvailable,
    connected,
    ...(withActions
      ? {
          actions: manifest.actions.map((a) => ({
            name: a.name,
            description: a.description,
            effect: a.effect,
            inputSchema: targetConstructorToSchema(a.input),
            outputExample: a.outputExample,
          })),
        }
      : {}),
  };
}
