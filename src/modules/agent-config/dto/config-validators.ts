import { ValidateBy } from 'class-validator';
import type { ApprovalMode } from '../agent-config.types';

export const APPROVAL_MODES: readonly ApprovalMode[] = ['always', 'never', 'above'];
const MAX_ENTRIES = 50;
const ACTION = /^[a-z][a-z0-9_-]{0,39}(\.[a-z][a-z0-9_-]{0,39}){1,3}$/;
const CHANNEL = /^[a-z][a-z0-9_]{0,39}$/;
const CONNECTOR = /^[a-z][a-z0-9_]{0,59}$/;

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * What is wrong with an approval-policy map, or undefined: `{ <channel>.<verb>: { mode, threshold? } }`,
 * `above` with a threshold of at least 0. A map of objects is beyond class-validator's nested
 * validation (it validates arrays and class instances), so the rule is written out here, once,
 * for the HTTP body and for changes made below it (the learning agent).
 */
export function approvalPoliciesProblem(value: unknown): string | undefined {
  if (!isPlainObject(value)) return 'approvalPolicies must be an object of action -> { mode, threshold? }';
  const entries = Object.entries(value);
  if (entries.length > MAX_ENTRIES) return `approvalPolicies may name at most ${MAX_ENTRIES} actions`;
  for (const [action, policy] of entries) {
    const at = `approvalPolicies.${action}`;
    if (!ACTION.test(action)) return `${JSON.stringify(action)} is not an action name like email.send`;
    if (!isPlainObject(policy)) return `${at} must be an object { mode, threshold? }`;
    const extra = Object.keys(policy).filter((key) => key !== 'mode' && key !== 'threshold');
    if (extra.length > 0) return `${at}: property ${extra[0]} should not exist`;
    if (!APPROVAL_MODES.includes(policy.mode as ApprovalMode)) return `${at}.mode must be one of ${APPROVAL_MODES.join(', ')}`;
    const { threshold } = policy;
    if (threshold !== undefined && (typeof threshold !== 'number' || !Number.isFinite(threshold) || threshold < 0)) return `${at}.threshold must be a number of at least 0`;
    if (policy.mode === 'above' && threshold === undefined) return `${at}.threshold is needed with mode above`;
  }
  return undefined;
}

/** What is wrong with a connections map, or undefined: `{ <channel>: <connector key> }` (which ones exist is checked against the registry). */
export function connectionsProblem(value: unknown): string | undefined {
  if (!isPlainObject(value)) return 'connections must be an object of channel -> connector key';
  const entries = Object.entries(value);
  if (entries.length > MAX_ENTRIES) return `connections may name at most ${MAX_ENTRIES} channels`;
  for (const [channel, connector] of entries) {
    if (!CHANNEL.test(channel)) return `${JSON.stringify(channel)} is not a channel name like email`;
    if (typeof connector !== 'string' || !CONNECTOR.test(connector)) return `connections.${channel} must be a connector key like gmail`;
  }
  return undefined;
}

function fromProblem(name: string, problem: (value: unknown) => string | undefined): PropertyDecorator {
  return ValidateBy({
    name,
    validator: {
      validate: (value: unknown) => problem(value) === undefined,
      defaultMessage: (args) => problem(args?.value) ?? `${args?.property ?? 'value'} is invalid`,
    },
  });
}

export const IsApprovalPolicies = (): PropertyDecorator => fromProblem('isApprovalPolicies', approvalPoliciesProblem);
export const IsConnections = (): PropertyDecorator => fromProblem('isConnections', connectionsProblem);
