/**
 * What an organization set for one agent, with the deployment's defaults filled in: the agent
 * reads it through the `agent_config.read` tool, a recorded step, so a resumed run acts on the
 * configuration it started with.
 */

/** always: a person approves every such write; never: none does; above: only when the write's magnitude exceeds `threshold`. */
export type ApprovalMode = 'always' | 'never' | 'above';

export interface ApprovalPolicy {
  mode: ApprovalMode;
  /** For `above`: e.g. a budget change in percent, a number of recipients. */
  threshold?: number;
}

export interface EffectiveAgentConfig {
  agent: string;
  enabled: boolean;
  /** Null: the deployment's model. */
  model: string | null;
  /** Null: the agent's own default. */
  temperature: number | null;
  brandId: string | null;
  /** Channel -> connector key (email: gmail | outlook | smtp; sms: twilio; whatsapp: whatsapp; ...). */
  connections: Record<string, string>;
  /** Every outbound write the agent declares, with its policy (default: always). */
  approvalPolicies: Record<string, ApprovalPolicy>;
  promptHints: string[];
  settings: Record<string, unknown>;
  version: number;
}

export const AGENT_CONFIG_TOOL = 'agent_config';
export const READ_CONFIG_ACTION = 'read';

/** Safe by default: an action with no policy, or one the agent never declared, waits for a person. */
export function needsApproval(config: Pick<EffectiveAgentConfig, 'approvalPolicies'>, action: string, magnitude?: number): boolean {
  const policy = config.approvalPolicies[action] ?? { mode: 'always' };
  switch (policy.mode) {
    case 'never':
      return false;
    case 'above':
      return magnitude === undefined || policy.threshold === undefined || Math.abs(magnitude) > policy.threshold;
    default:
      return true;
  }
}
