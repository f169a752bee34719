import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { targetConstructorToSchema } from 'class-validator-jsonschema';
import type { ConnectorManifest, ConnectorMode } from '../connector.types';

export class ConnectorActionView {
  @ApiProperty({ example: 'send_message' }) name!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ enum: ['read', 'write'] }) effect!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'JSON schema of the action input' }) inputSchema!: unknown;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'An example of what the action returns' }) outputExample!: unknown;
}

export class RateLimitView {
  @ApiProperty({ example: 50 }) requests!: number;
  @ApiProperty({ example: 60 }) perSeconds!: number;
}

/** What connecting takes: PUT /v1/connectors/{key}/credentials for api_key, basic and smtp; the OAuth2 flow otherwise. */
export class CredentialFieldsView {
  @ApiProperty({ type: [String], example: ['accessToken'], description: 'Fields of `secrets` in PUT /v1/connectors/{key}/credentials: all required, stored encrypted' }) secretFields!: string[];
  @ApiProperty({ type: [String], example: ['shopDomain'], description: 'Fields of `metadata`: optional settings, stored in clear' }) metadataFields!: string[];
  @ApiProperty({ enum: ['credentials', 'oauth2'], description: 'credentials: PUT /v1/connectors/{key}/credentials; oauth2: GET /v1/connectors/{key}/oauth/start' }) connectWith!: 'credentials' | 'oauth2';
}

export class ConnectorView {
  @ApiProperty({ example: 'slack' }) key!: string;
  @ApiProperty({ example: 'Slack' }) displayName!: string;
  @ApiProperty({ example: 'SLACK' }) kind!: string;
  @ApiProperty({ enum: ['oauth2', 'api_key', 'basic', 'smtp'] }) authType!: string;
  @ApiProperty({ type: [String] }) scopes!: string[];
  @ApiProperty({ type: RateLimitView, description: "The provider's documented limit, enforced per organization" }) rateLimit!: RateLimitView;
  @ApiProperty({ enum: ['real', 'mock'], description: 'How this deployment runs the connector' }) mode!: ConnectorMode;
  @ApiProperty({ description: 'Whether a real implementation exists (false: mock only, for now)' }) realAvailable!: boolean;
  @ApiProperty({ description: 'Whether the caller\'s organization has stored credentials for it' }) connected!: boolean;
  @ApiPropertyOptional({ type: [ConnectorActionView], description: 'On GET /v1/connectors/{key} only' }) actions?: ConnectorActionView[];
  @ApiPropertyOptional({ type: CredentialFieldsView, description: 'On GET /v1/connectors/{key} only: what connecting it takes' }) credentials?: CredentialFieldsView;
}

export function toConnectorView(manifest: ConnectorManifest, mode: ConnectorMode, connected: boolean, withActions: boolean): ConnectorView {
  return {
    key: manifest.key,
    displayName: manifest.displayName,
    kind: manifest.kind,
    authType: manifest.authType,
    scopes: manifest.scopes,
    rateLimit: { requests: manifest.rateLimit.requests, perSeconds: manifest.rateLimit.perSeconds },
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
          credentials: {
            secretFields: manifest.secretFields,
            metadataFields: manifest.metadataFields,
            connectWith: manifest.authType === 'oauth2' ? ('oauth2' as const) : ('credentials' as const),
          },
        }
      : {}),
  };
}
