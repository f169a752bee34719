import { ValidationFailedError } from '../../../common/errors/domain-errors';
import type { ConnectorManifest } from '../connector.types';

/** Generous for any key, token or certificate a provider issues; a bound on what we encrypt and store. */
export const MAX_CREDENTIAL_VALUE_LENGTH = 8_192;

/**
 * Checks PUT credentials against the manifest: every declared secret field present, metadata
 * fields optional (they carry settings with defaults, such as an SMTP port, and the provider checks
 * the ones it cannot do without), every value a non-empty string, nothing undeclared. Problems
 * name the fields, never their values.
 */
export function checkCredentialFields(
  manifest: Pick<ConnectorManifest, 'key' | 'secretFields' | 'metadataFields'>,
  input: { secrets: Record<string, unknown>; metadata?: Record<string, unknown> },
): { secrets: Record<string, string>; metadata: Record<string, string> } {
  const problems: Array<{ field: string; problem: string }> = [];
  const secrets = check('secrets', manifest.secretFields, input.secrets, problems, true);
  const metadata = check('metadata', manifest.metadataFields, input.metadata ?? {}, problems, false);
  if (problems.length > 0) {
    throw new ValidationFailedError(
      problems.map((p) => p.field),
      `invalid credentials for ${manifest.key}: ${problems.map((p) => `${p.field} ${p.problem}`).join('; ')} (expected secrets: ${list(manifest.secretFields)}; metadata: ${list(manifest.metadataFields)})`,
    );
  }
  return { secrets, metadata };
}

function check(group: string, declared: string[], given: Record<string, unknown>, problems: Array<{ field: string; problem: string }>, required: boolean): Record<string, string> {
  const values: Record<string, string> = {};
  for (const name of Object.keys(given)) {
    if (!declared.includes(name)) problems.push({ field: `${group}.${name}`, problem: 'is not a field of this connector' });
  }
  for (const name of declared) {
    const value = Object.prototype.hasOwnProperty.call(given, name) ? given[name] : undefined;
    if (value === undefined || value === null) {
      if (required) problems.push({ field: `${group}.${name}`, problem: 'is missing' });
    }
    else if (typeof value !== 'string' || value.length === 0) problems.push({ field: `${group}.${name}`, problem: 'must be a non-empty string' });
    else if (value.length > MAX_CREDENTIAL_VALUE_LENGTH) problems.push({ field: `${group}.${name}`, problem: `must be at most ${MAX_CREDENTIAL_VALUE_LENGTH} characters` });
    else values[name] = value;
  }
  return values;
}

function list(fields: string[]): string {
  return fields.length > 0 ? fields.join(', ') : 'none';
}
