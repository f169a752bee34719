import { ValidationFailedError } from '../errors/domain-errors';

export interface SettingRange {
  min?: number;
  max?: number;
}

/**
 * A number an organization set in an agent's configuration (`settings`, free-form JSON), or null
 * when it set none. A value of another type or out of range fails the run, naming the setting:
 * guessing what a person meant by a budget cap is not an agent's call.
 */
export function numberSetting(settings: Record<string, unknown>, name: string, range: SettingRange = {}): number | null {
  const value = settings[name];
  if (value === undefined || value === null) return null;
  const inRange = typeof value === 'number' && Number.isFinite(value) && (range.min === undefined || value >= range.min) && (range.max === undefined || value <= range.max);
  if (!inRange) {
    const bounds = [range.min !== undefined ? `at least ${range.min}` : '', range.max !== undefined ? `at most ${range.max}` : ''].filter(Boolean).join(' and ');
    throw new ValidationFailedError([`settings.${name}`], `invalid agent configuration: settings.${name} must be a number${bounds ? ` ${bounds}` : ''}`);
  }
  return value;
}
