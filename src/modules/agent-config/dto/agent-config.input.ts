import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsNumber, IsOptional, IsUUID, Matches, Min } from 'class-validator';
import { IsSmallJsonObject, IsTextList } from '../../brands/dto/fields';
import type { ApprovalPolicy } from '../agent-config.types';
import { APPROVAL_MODES, IsApprovalPolicies, IsConnections } from './config-validators';

export const MAX_PROMPT_HINTS = 20;
export const MAX_PROMPT_HINT_LENGTH = 500;
export const MAX_SETTINGS_BYTES = 16_384;

/**
 * An agent's whole configuration (PUT replaces it: a field left out returns to its default).
 * The same class checks a single change made below the HTTP layer (the learning agent's), so a
 * configuration is stored only in a shape this class accepts.
 */
export class AgentConfigInput {
  @ApiPropertyOptional({ default: true, description: 'False: runs of this agent are refused (409) for the organization' })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'gpt-4o-mini', description: "A model among the deployment's allowed ones (LLM_ALLOWED_MODELS); null: the deployment's model" })
  @IsOptional()
  @Matches(/^\S{1,200}$/, { message: 'model must be a model id without spaces' })
  model?: string | null;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 0, example: 0.4, description: "At most the deployment's AGENT_MAX_TEMPERATURE; null: the agent's own default" })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  temperature?: number | null;

  @ApiPropertyOptional({ type: String, nullable: true, format: 'uuid', description: "The organization's brand the agent writes for when its input names none" })
  @IsOptional()
  @IsUUID()
  brandId?: string | null;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { email: 'gmail', sms: 'twilio' },
    description: 'Channel -> the connector the agent acts through (the channel is the connector kind: email, sms, whatsapp, x, ...)',
  })
  @IsOptional()
  @IsConnections()
  connections?: Record<string, string>;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: {
      type: 'object',
      properties: { mode: { type: 'string', enum: [...APPROVAL_MODES] }, threshold: { type: 'number', minimum: 0 } },
      required: ['mode'],
    },
    example: { 'email.send': { mode: 'above', threshold: 500 }, 'budget.change': { mode: 'always' } },
    description: "Write action (one of the agent's declared writes) -> whether a person approves it first; an action left out is always approved first",
  })
  @IsOptional()
  @IsApprovalPolicies()
  approvalPolicies?: Record<string, ApprovalPolicy>;

  @ApiPropertyOptional({ type: [String], maxItems: MAX_PROMPT_HINTS, description: `Added to the agent's instructions; at most ${MAX_PROMPT_HINTS} of at most ${MAX_PROMPT_HINT_LENGTH} characters` })
  @IsOptional()
  @IsTextList(MAX_PROMPT_HINTS, MAX_PROMPT_HINT_LENGTH)
  promptHints?: string[];

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: `Agent-specific settings (send hour, voice threshold, budget guardrails, ...), at most ${MAX_SETTINGS_BYTES} bytes of JSON` })
  @IsOptional()
  @IsSmallJsonObject(MAX_SETTINGS_BYTES)
  settings?: Record<string, unknown>;
}
