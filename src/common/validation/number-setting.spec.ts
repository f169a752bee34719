import { ValidationFailedError } from '../errors/domain-errors';
import { numberSetting } from './number-setting';

describe(numberSetting.name, () => {
  it('should answer the number set, or null when none is', () => {
    expect(numberSetting({ maxChangePercent: 15 }, 'maxChangePercent', { min: 0, max: 100 })).toBe(15);
    expect(numberSetting({}, 'maxChangePercent')).toBeNull();
    expect(numberSetting({ maxChangePercent: null }, 'maxChangePercent')).toBeNull();
  });

  it.each([['a string', '15'], ['out of range', 150], ['not finite', Number.POSITIVE_INFINITY]])('should refuse %s, naming the setting', (_, value) => {
    const refused = (() => {
      try {
        return numberSetting({ maxChangePercent: value }, 'maxChangePercent', { min: 0, max: 100 });
      } catch (error) {
        return error;
      }
    })();

    expect(refused).toBeInstanceOf(ValidationFailedError);
    expect((refused as ValidationFailedError).message).toBe('invalid agent configuration: settings.maxChangePercent must be a number at least 0 and at most 100');
  });
});
