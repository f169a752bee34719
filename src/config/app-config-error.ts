/** Raised for a bad or missing variable; main.ts prints its message alone, without a stack. */
export class ConfigurationError extends Error {
  override readonly name = 'ConfigurationError';
}
