import { ValidateBy, type ValidationOptions } from 'class-validator';
import { normalizePhone } from '../../audience/addresses';

/** True when normalizePhone takes it: E.164 with the +, spaces, dashes and parentheses allowed. */
export function isPhoneNumber(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    normalizePhone(value);
    return true;
  } catch {
    return false;
  }
}

/**
 * A phone number as normalizePhone accepts it, so input refused here is exactly what the agents
 * could not send to. The message names the rule, never the number (error messages get logged).
 */
export function IsPhoneNumber(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isPhoneNumber',
      validator: {
        validate: isPhoneNumber,
        defaultMessage: (args) =>
          `${options?.each ? 'each value in ' : ''}${args?.property ?? 'phone'} must be a phone number in E.164 form: + then the country code and number (8 to 15 digits), such as +14155550123`,
      },
    },
    options,
  );
}
