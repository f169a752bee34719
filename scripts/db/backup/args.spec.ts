import { CommandRefusal } from '../cli';
import { parseBackupArgs, parseRestoreArgs } from './args';

describe(parseRestoreArgs.name, () => {
  it('should read the file, the target and the options', () => {
    const sut = parseRestoreArgs(['b.dump', '--target', 'neonhub_restored', '--clean', '--jobs', '4', '--with-roles']);

    expect(sut).toEqual({ file: 'b.dump', target: 'neonhub_restored', clean: true, jobs: 4, withRoles: true, maintenanceDb: 'postgres' });
  });

  it('should default to one job, no --clean and no roles', () => {
    expect(parseRestoreArgs(['b.dump', '--target', 'x'])).toMatchObject({ clean: false, jobs: 1, withRoles: false });
  });

  it.each([
    [['--target', 'x'], 'usage: db:restore'],
    [['a', 'b', '--target', 'x'], 'usage: db:restore'],
    [['b.dump'], '--target is required'],
    [['b.dump', '--target', 'bad name'], 'must be letters, digits'],
    [['b.dump', '--target', 'x', '--jobs', '0'], '--jobs must be an integer between 1 and 32'],
    [['b.dump', '--target', 'x', '--jobs', 'many'], '--jobs must be an integer between 1 and 32'],
    [['b.dump', '--target', 'x', '--force'], "Unknown option '--force'"],
    [['b.dump', '--target', 'postgres'], 'is the maintenance database'],
  ])('should refuse %j with exit code 2', (argv, message) => {
    let error: unknown;
    try {
      parseRestoreArgs(argv);
    } catch (e) {
      error = e;
    }

    expect(error).toBeInstanceOf(CommandRefusal);
    expect((error as CommandRefusal).message).toContain(message);
    expect((error as CommandRefusal).exitCode).toBe(2);
  });
});

describe(parseBackupArgs.name, () => {
  it('should take an optional --out and nothing else', () => {
    expect(parseBackupArgs([])).toEqual({ out: undefined });
    expect(parseBackupArgs(['--out', 'x.dump'])).toEqual({ out: 'x.dump' });
    expect(() => parseBackupArgs(['x.dump'])).toThrow(CommandRefusal);
  });
});
