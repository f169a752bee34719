import { ValidationFailedError } from '../../common/errors/domain-errors';

export class UnknownTimezoneError extends ValidationFailedError {
  constructor(timezone: string) {
    super(['timezone'], `invalid recipient: timezone ${JSON.stringify(timezone)} is not an IANA time zone (for example Europe/Paris or America/New_York)`);
  }
}

export class InvalidQuietHoursError extends ValidationFailedError {
  constructor(field: 'start' | 'end', value: string) {
    super([`quietHours.${field}`], `invalid quiet hours: ${field} ${JSON.stringify(value)} must be a 24-hour HH:mm time (for example 21:00)`);
  }
}

/** Names the rule, not the value: an address is a recipient's personal data and error messages get logged. */
export class InvalidEmailError extends ValidationFailedError {
  constructor() {
    super(['email'], 'invalid recipient: the email address is not of the form name@domain.tld');
  }
}

/** Names the rule, not the value, as for email addresses. */
export class InvalidPhoneNumberError extends ValidationFailedError {
  constructor() {
    super(['phone'], 'invalid recipient: the phone number must be in E.164 form, + then the country code and number (8 to 15 digits); spaces, dashes and parentheses are allowed');
  }
}
