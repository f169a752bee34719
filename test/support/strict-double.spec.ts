import { strictDouble, strictMock } from './strict-double';

interface Greeter {
  greet(name: string): string;
  farewell(name: string): string;
  readonly language: string;
}

describe(strictDouble.name, () => {
  it('should answer with the stubs it was given', () => {
    const sut = strictDouble<Greeter>('Greeter', { greet: (name) => `hello ${name}`, language: 'en' });

    expect([sut.greet('jane'), sut.language]).toEqual(['hello jane', 'en']);
  });

  it('should throw naming the double and the member on any use of a member it was not given', () => {
    const sut = strictDouble<Greeter>('Greeter', { greet: () => 'hello' });

    expect(() => sut.farewell('jane')).toThrow('Greeter.farewell is not stubbed');
  });

  it('should pass for a plain object where frameworks probe (await, Jest matchers)', async () => {
    const sut = strictDouble<Greeter>('Greeter');

    await expect(Promise.resolve(sut)).resolves.toBe(sut);
    expect(sut).toEqual(sut);
  });
});

describe(strictMock.name, () => {
  it('should throw on a listed method until the test gives it an answer', () => {
    const sut = strictMock<Greeter>('Greeter', ['greet']);

    expect(() => sut.greet('jane')).toThrow('unexpected call to Greeter.greet');
    sut.greet.mockReturnValue('hello');
    expect(sut.greet('jane')).toBe('hello');
    expect(sut.greet).toHaveBeenCalledWith('jane');
  });

  it('should throw on any member it was not told about', () => {
    const sut = strictMock<Greeter>('Greeter', ['greet']);

    expect(() => sut.farewell('jane')).toThrow('Greeter.farewell is not stubbed');
  });
});
