import { CommandRefusal, runDbCommand } from './cli';

describe(runDbCommand.name, () => {
  const savedUrl = process.env.DATABASE_URL;
  const savedMigrateUrl = process.env.DATABASE_URL_MIGRATE;
  let errors: string[];

  beforeEach(() => {
    errors = [];
    jest.spyOn(console, 'error').mockImplementation((line: string) => void errors.push(line));
  });

  afterEach(() => {
    jest.restoreAllMocks();
    process.exitCode = undefined;
    if (savedUrl === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = savedUrl;
    if (savedMigrateUrl === undefined) delete process.env.DATABASE_URL_MIGRATE;
    else process.env.DATABASE_URL_MIGRATE = savedMigrateUrl;
  });

  /** runDbCommand reports through process.exitCode once the command settles. */
  async function settled(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
  }

  it('should refuse to run without DATABASE_URL', async () => {
    delete process.env.DATABASE_URL;
    const command = jest.fn();

    runDbCommand(command);
    await settled();

    expect(command).not.toHaveBeenCalled();
    expect(errors).toEqual(['error: DATABASE_URL is not set']);
    expect(process.exitCode).toBe(1);
  });

  it('should pass DATABASE_URL and exit with the code the command returns', async () => {
    process.env.DATABASE_URL = 'postgresql://db/x';
    const command = jest.fn().mockResolvedValue(3);

    runDbCommand(command);
    await settled();

    expect(command).toHaveBeenCalledWith('postgresql://db/x');
    expect(process.exitCode).toBe(3);
  });

  it('should print a failure as one line without stack trace', async () => {
    process.env.DATABASE_URL = 'postgresql://db/x';

    runDbCommand(() => Promise.reject(new Error('migration 0001_x failed:\n  syntax error')));
    await settled();

    expect(errors).toEqual(['error: migration 0001_x failed: syntax error']);
    expect(process.exitCode).toBe(1);
  });

  it('should name the error code when a network error has no message', async () => {
    process.env.DATABASE_URL = 'postgresql://db/x';

    runDbCommand(() => Promise.reject(Object.assign(new AggregateError([], ''), { code: 'ECONNREFUSED' })));
    await settled();

    expect(errors).toEqual(['error: ECONNREFUSED']);
  });

  it('should take the first variable that is set, in the order given', async () => {
    process.env.DATABASE_URL = 'postgresql://app@db/x';
    process.env.DATABASE_URL_MIGRATE = 'postgresql://migrate@db/x';
    const command = jest.fn().mockResolvedValue(0);

    runDbCommand(command, ['DATABASE_URL_MIGRATE', 'DATABASE_URL']);
    await settled();

    expect(command).toHaveBeenCalledWith('postgresql://migrate@db/x');
  });

  it('should fall back to the next variable when the first is unset or empty', async () => {
    process.env.DATABASE_URL = 'postgresql://app@db/x';
    process.env.DATABASE_URL_MIGRATE = '';
    const command = jest.fn().mockResolvedValue(0);

    runDbCommand(command, ['DATABASE_URL_MIGRATE', 'DATABASE_URL']);
    await settled();

    expect(command).toHaveBeenCalledWith('postgresql://app@db/x');
  });

  it('should name every variable it looked for when none is set', async () => {
    delete process.env.DATABASE_URL;
    delete process.env.DATABASE_URL_MIGRATE;

    runDbCommand(jest.fn(), ['DATABASE_URL_MIGRATE', 'DATABASE_URL']);
    await settled();

    expect(errors).toEqual(['error: none of DATABASE_URL_MIGRATE, DATABASE_URL is set']);
    expect(process.exitCode).toBe(1);
  });

  it('should exit with the code a refusal carries', async () => {
    process.env.DATABASE_URL = 'postgresql://db/x';

    runDbCommand(() => Promise.reject(new CommandRefusal('checksum mismatch', 3)));
    await settled();

    expect(errors).toEqual(['error: checksum mismatch']);
    expect(process.exitCode).toBe(3);
  });
});
