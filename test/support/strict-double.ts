/**
 * Strict test doubles: a double answers only for the members a test gave it, and any other
 * member throws naming the double and the member, so a call nobody planned for fails the test
 * instead of quietly returning undefined.
 */

/**
 * Members that frameworks read to find out what an object is, not to use it: a thenable check
 * (`await`, Promise.resolve), Jest's matchers and printer, Nest's lifecycle hooks. A double
 * answers "not here" for them, as a plain object would.
 */
const PROBED = new Set<string>([
  'then',
  'asymmetricMatch',
  '$$typeof',
  'nodeType',
  'toJSON',
  '@@__IMMUTABLE_ITERABLE__@@',
  '@@__IMMUTABLE_RECORD__@@',
  'onModuleInit',
  'onApplicationBootstrap',
  'onModuleDestroy',
  'beforeApplicationShutdown',
  'onApplicationShutdown',
]);

/** The names of T's methods. */
export type MethodsOf<T> = { [K in keyof T]-?: T[K] extends (...args: never[]) => unknown ? K : never }[keyof T] & string;

/** A strict double whose listed methods are Jest mocks, for tests that stub or inspect them. */
export type StrictMock<T, K extends MethodsOf<T> = MethodsOf<T>> = T & { [P in K]: jest.Mock };

/**
 * A double of `T` named `name` (the name every failure message starts with), made of `stubs`.
 * Reading a member that is not among the stubs throws `<name>.<member> is not stubbed`.
 */
export function strictDouble<T extends object>(name: string, stubs: Partial<T> = {}): T {
  return new Proxy(stubs as T, {
    get(target, property, receiver) {
      if (typeof property === 'symbol' || PROBED.has(property) || property in target) return Reflect.get(target, property, receiver);
      throw new Error(`${name}.${property} is not stubbed`);
    },
  });
}

/**
 * A strict double of `T` whose `methods` are Jest mocks that throw `unexpected call to
 * <name>.<method>` until a test gives them an answer (`mockResolvedValue`, `mockImplementation`,
 * ...); any other member throws like `strictDouble`'s.
 */
export function strictMock<T extends object, K extends MethodsOf<T> = MethodsOf<T>>(name: string, methods: readonly K[]): StrictMock<T, K> {
  const stubs: Record<string, jest.Mock> = {};
  for (const method of methods) {
    stubs[method] = jest.fn(() => {
      throw new Error(`unexpected call to ${name}.${method}`);
    });
  }
  return strictDouble(name, stubs as Partial<T>) as StrictMock<T, K>;
}
