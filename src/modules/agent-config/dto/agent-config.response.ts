import { ApiProperty, type ApiPropertyOptions, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { APPROVAL_MODES } from './config-validators';
import type { ConfigView } from '../config-view';
import type { ConfigChangeRecord } from '../persistence/config-changes.repository';

export class ApprovalPolicyView {
  @ApiProperty({ enum: APPROVAL_MODES }) mode!: string;
  @ApiPropertyOptional({ minimum: 0, description: 'Only with mode above: the magnitude (recipients, percent of budget, ...) past which a person approves' }) threshold?: number;
}

export class ConnectionStateView {
  @ApiProperty({ example: 'gmail' }) connector!: string;
  @ApiProperty({ description: 'Whether the organization connected it; acting through one not connected fails' }) connected!: boolean;
}

export class AgentCapabilityView {
  @ApiProperty({ example: 'EMAIL' }) kind!: string;
  @ApiProperty({ type: [String], example: ['email.send'], description: 'Outbound writes whose approval the configuration governs' }) writes!: string[];
  @ApiProperty({ type: [String], example: ['agent_config.read', 'gmail.send_email'], description: 'Tools the agent may call' }) tools!: string[];
}

/** Any JSON value, null included (OpenAPI 3.0 has no null type: the object member is the nullable one, so no two members overlap). */
const JSON_VALUE: ApiPropertyOptions = {
  oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }, { type: 'array', items: {} }, { type: 'object', additionalProperties: true, nullable: true }],
};

export class AgentConfigResponse {
  @ApiProperty({ example: 'email' }) agent!: string;
  @ApiProperty() enabled!: boolean;
  @ApiProperty({ type: String, nullable: true, description: "Null: the deployment's model" }) model!: string | null;
  @ApiProperty({ type: Number, nullable: true, description: "Null: the agent's own default" }) temperature!: number | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) brandId!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, example: { email: 'gmail' } }) connections!: Record<string, string>;
  @ApiProperty({ type: 'object', additionalProperties: { $ref: getSchemaPath(ApprovalPolicyView) }, description: 'Every declared write, `always` unless set otherwise' })
  approvalPolicies!: Record<string, ApprovalPolicyView>;
  @ApiProperty({ type: [String] }) promptHints!: string[];
  @ApiProperty({ type: 'object', additionalProperties: true }) settings!: Record<string, unknown>;
  @ApiProperty({ example: 3, description: 'Send as If-Match to replace only this version; 0: never configured' }) version!: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Null: never configured' }) updatedAt!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: { $ref: getSchemaPath(ConnectionStateView) }, description: 'Per channel: its connector and whether the organization connected it' })
  connectionStates!: Record<string, ConnectionStateView>;
  @ApiProperty({ type: AgentCapabilityView }) capability!: AgentCapabilityView;
}

export class ConfigChangeResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'email' }) agent!: string;
  @ApiProperty({ example: 'temperature' }) field!: string;
  @ApiProperty({ ...JSON_VALUE, description: 'The value before' }) before!: unknown;
  @ApiProperty({ ...JSON_VALUE, description: 'The value after' }) after!: unknown;
  @ApiProperty({ enum: ['person', 'learning', 'revert'] }) source!: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) userId!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'The run that made it (learning)' }) runId!: string | null;
  @ApiProperty({ type: String, nullable: true }) reason!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) revertedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: string;
}

export class ConfigChangePage {
  @ApiProperty({ type: [ConfigChangeResponse] }) items!: ConfigChangeResponse[];
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Pass as cursor for the next page; null on the last page' }) nextCursor!: string | null;
}

export class RevertResponse {
  @ApiProperty({ type: AgentConfigResponse }) config!: AgentConfigResponse;
  @ApiProperty({ type: ConfigChangeResponse, description: 'The change the revert recorded (source revert)' }) change!: ConfigChangeResponse;
}

export function toAgentConfigResponse(view: ConfigView): AgentConfigResponse {
  return { ...view.config, updatedAt: view.updatedAt?.toISOString() ?? null, connectionStates: view.connectionStates, capability: view.capability };
}

export function toConfigChangeResponse(change: ConfigChangeRecord): ConfigChangeResponse {
  return {
    id: change.id,
    agent: change.agentName,
    field: change.field,
    before: change.before,
    after: change.after,
    source: change.source,
    userId: change.userId,
    runId: change.runId,
    reason: change.reason,
    revertedAt: change.revertedAt?.toISOString() ?? null,
    createdAt: change.createdAt.toISOString(),
  };
}
