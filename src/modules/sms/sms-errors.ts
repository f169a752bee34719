import { UnprocessableError, ValidationFailedError } from '../../common/errors/domain-errors';
import type { SmsEncoding } from './sms-encoding';

/** Whitespace is not a message: carriers deliver it, the recipient pays for it, and it says nothing. */
export class EmptySmsBodyError extends ValidationFailedError {
  constructor() {
    super(['body'], 'invalid SMS: the body is empty');
  }
}

/**
 * A well-formed body that costs more segments than allowed. Names the characters that forced
 * UCS-2, since replacing them (a curly quote, an accented letter) is often the cheapest fix.
 */
export class SmsTooLongError extends UnprocessableError {
  constructor(
    readonly segments: number,
    readonly maxSegments: number,
    readonly encoding: SmsEncoding,
    readonly unicodeCharacters: readonly string[],
  ) {
    super(
      `SMS too long: the body needs ${segments} ${encoding} segments and the limit is ${maxSegments}` +
        (unicodeCharacters.length > 0 ? `; UCS-2 because of ${unicodeCharacters.map((c) => JSON.stringify(c)).join(', ')}` : ''),
    );
  }
}

/** The organization's configuration names a connector the SMS agents cannot send through on the channel. */
export class UnsupportedSmsConnectorError extends UnprocessableError {
  constructor(channel: string, connector: string, supported: readonly string[]) {
    super(`cannot send ${channel} through connector ${connector}: the ${channel} connectors are ${supported.join(', ')}`);
  }
}
