import { parseArgs } from 'node:util';
import { CommandRefusal } from '../cli';

const USAGE_EXIT_CODE = 2;

export interface BackupArgs {
  out?: string;
}

export interface RestoreArgs {
  file: string;
  target: string;
  clean: boolean;
  jobs: number;
  withRoles: boolean;
  maintenanceDb: string;
}

/** A name we can put in CREATE DATABASE and a URL path as it is: no quoting games with operator input. */
const DATABASE_NAME = /^[A-Za-z_][A-Za-z0-9_-]{0,62}$/;

export function parseBackupArgs(argv: string[]): BackupArgs {
  const { values } = parse(argv, { out: { type: 'string' } }, false);
  return { out: values.out as string | undefined };
}

export function parseRestoreArgs(argv: string[]): RestoreArgs {
  const { values, positionals } = parse(
    argv,
    {
      target: { type: 'string' },
      clean: { type: 'boolean' },
      jobs: { type: 'string' },
      'with-roles': { type: 'boolean' },
      'maintenance-db': { type: 'string' },
    },
    true,
  );
  const usage = 'usage: db:restore <backup file> --target <database> [--clean] [--jobs N] [--with-roles]';
  if (positionals.length !== 1) throw new CommandRefusal(usage, USAGE_EXIT_CODE);
  const target = values.target as string | undefined;
  if (!target) throw new CommandRefusal(`--target is required: ${usage}`, USAGE_EXIT_CODE);
  const maintenanceDb = (values['maintenance-db'] as string | undefined) ?? 'postgres';
  for (const name of [target, maintenanceDb]) {
    if (!DATABASE_NAME.test(name)) throw new CommandRefusal(`database name ${JSON.stringify(name)} must be letters, digits, _ or - (63 at most), starting with a letter or _`, USAGE_EXIT_CODE);
  }
  if (target === maintenanceDb) throw new CommandRefusal(`--target ${target} is the maintenance database the restore connects to; choose another --target`, USAGE_EXIT_CODE);
  const jobsText = (values.jobs as string | undefined) ?? '1';
  const jobs = /^\d{1,2}$/.test(jobsText) ? Number(jobsText) : NaN;
  if (!(jobs >= 1 && jobs <= 32)) throw new CommandRefusal('--jobs must be an integer between 1 and 32', USAGE_EXIT_CODE);
  return { file: positionals[0]!, target, clean: values.clean === true, jobs, withRoles: values['with-roles'] === true, maintenanceDb };
}

type OptionsConfig = NonNullable<NonNullable<Parameters<typeof parseArgs>[0]>['options']>;

function parse(argv: string[], options: OptionsConfig, allowPositionals: boolean): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({ args: argv, options, allowPositionals, strict: true });
    return { values: values as Record<string, string | boolean | undefined>, positionals };
  } catch (error) {
    throw new CommandRefusal((error as Error).message, USAGE_EXIT_CODE);
  }
}
