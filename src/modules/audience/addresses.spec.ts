import { InvalidEmailError, InvalidPhoneNumberError } from './audience-errors';
import { isStartKeyword, isStopKeyword, normalizeEmail, normalizePhone } from './addresses';

describe(normalizeEmail.name, () => {
  it.each([
    ['Jane.Doe@Example.COM', 'jane.doe@example.com'],
    ['  jane@example.com\n', 'jane@example.com'],
    ['JANE+promo@mail.example.co.uk', 'jane+promo@mail.example.co.uk'],
  ])('should normalize %p to %p', (address, expected) => {
    expect(normalizeEmail(address)).toBe(expected);
  });

  it.each(['', 'jane', 'jane@', '@example.com', 'jane@example', 'jane doe@example.com', 'Jane <jane@example.com>', 'jane@@example.com'])(
    'should refuse %p with a 400 on the email field',
    (address) => {
      const sut = () => normalizeEmail(address);

      expect(sut).toThrow(InvalidEmailError);
      expect(sut).toThrow(expect.objectContaining({ statusCode: 400, fields: ['email'] }));
    },
  );

  it('should not echo the address in its error', () => {
    expect(() => normalizeEmail('secret-person@nowhere')).toThrow(expect.objectContaining({ message: expect.not.stringContaining('secret-person') }));
  });
});

describe(normalizePhone.name, () => {
  it.each([
    ['+14155550100', '+14155550100'],
    ['+1 (415) 555-0100', '+14155550100'],
    ['  +44 20 7946 0958 ', '+442079460958'],
    ['+91-98765-43210', '+919876543210'],
    ['+6421234567', '+6421234567'],
    ['+12345678', '+12345678'], // 8 digits, the shortest accepted
    ['+123456789012345', '+123456789012345'], // 15 digits, the longest E.164 allows
  ])('should normalize %p to %p', (number, expected) => {
    expect(normalizePhone(number)).toBe(expected);
  });

  it.each([
    ['no leading +', '4155550100'],
    ['an international 00 prefix', '0014155550100'],
    ['a + not at the start', '1+4155550100'],
    ['two +', '++14155550100'],
    ['letters', '+1 415 CALL NOW'],
    ['dots', '+1.415.555.0100'],
    ['an extension', '+14155550100 ext 12'],
    ['a country code starting with 0', '+04155550100'],
    ['too few digits (7)', '+1234567'],
    ['too many digits (16)', '+1234567890123456'],
    ['only punctuation', '+ ( ) -'],
    ['nothing', ''],
  ])('should refuse a number with %s with a 400 on the phone field', (_, number) => {
    const sut = () => normalizePhone(number);

    expect(sut).toThrow(InvalidPhoneNumberError);
    expect(sut).toThrow(expect.objectContaining({ statusCode: 400, fields: ['phone'] }));
  });
});

describe(isStopKeyword.name, () => {
  it.each(['STOP', 'stop', 'Stop', '  STOP  ', 'STOPALL', 'UNSUBSCRIBE', 'cancel', 'End', 'quit\n', 'REVOKE', 'optout'])(
    'should recognize %p',
    (text) => {
      expect(isStopKeyword(text)).toBe(true);
    },
  );

  it.each(['STOP PLEASE', 'please stop', 'STOP.', 'stopp', 'START', 'YES', ''])('should not treat %p as an opt-out', (text) => {
    expect(isStopKeyword(text)).toBe(false);
  });
});

describe(isStartKeyword.name, () => {
  it.each(['START', 'start', ' Unstop ', 'YES', 'yes'])('should recognize %p', (text) => {
    expect(isStartKeyword(text)).toBe(true);
  });

  it.each(['STOP', 'YES PLEASE', 'yeah', 'restart', ''])('should not treat %p as an opt-in', (text) => {
    expect(isStartKeyword(text)).toBe(false);
  });
});
