import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { CommandRefusal } from '../cli';

/** Exit code of a restore refused because the backup is not the one that was written. */
export const INTEGRITY_EXIT_CODE = 3;

export function checksumPath(file: string): string {
  return `${file}.sha256`;
}

export async function sha256OfFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** In sha256sum's format, so `sha256sum -c <file>.sha256` checks a backup without NeonHub at hand. */
export async function writeChecksumFile(file: string, sha256: string): Promise<void> {
  await writeFile(checksumPath(file), `${sha256}  ${basename(file)}\n`, { mode: 0o600 });
}

/** Refuses (exit 3) a backup whose checksum file is missing, unreadable or disagrees with it. */
export async function verifyChecksumFile(file: string): Promise<string> {
  let expected: string | undefined;
  try {
    expected = /^([0-9a-f]{64})\s/.exec(await readFile(checksumPath(file), 'utf8'))?.[1];
  } catch {
    throw new CommandRefusal(`no checksum file ${checksumPath(file)} beside the backup: refusing to restore an unverified backup`, INTEGRITY_EXIT_CODE);
  }
  if (!expected) throw new CommandRefusal(`${checksumPath(file)} does not hold a sha256 checksum: refusing to restore`, INTEGRITY_EXIT_CODE);
  const actual = await sha256OfFile(file);
  if (actual !== expected) {
    throw new CommandRefusal(
      `checksum mismatch: ${basename(file)} has sha256 ${actual} but ${basename(checksumPath(file))} records ${expected}; ` +
        'the backup is damaged or was altered, refusing to restore',
      INTEGRITY_EXIT_CODE,
    );
  }
  return actual;
}
