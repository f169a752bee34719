import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { minVersion, satisfies } from 'semver';

const root = join(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { engines: { node: string } };
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { version: string; dev?: boolean; optional?: boolean; engines?: { node?: string } | string[] }>;
};

/**
 * Packages the lock installs for production that need a newer Node than `engines` allows, and why
 * that is acceptable. Only the Prisma CLI's `prisma dev` (a local Prisma Postgres, never run by
 * NeonHub) loads @prisma/streams-local; it is installed because @prisma/client names the CLI as a
 * peer, and no release of it runs on Node 20.
 */
const NEVER_LOADED = new Set(['node_modules/@prisma/streams-local']);

describe('package engines', () => {
  it('should let every production dependency run on the oldest Node that package.json allows', () => {
    const oldest = minVersion(manifest.engines.node)!.version;
    const tooNew = Object.entries(lock.packages)
      .filter(([path, entry]) => path !== '' && !entry.dev && !NEVER_LOADED.has(path))
      .filter(([, entry]) => !Array.isArray(entry.engines) && entry.engines?.node && !satisfies(oldest, entry.engines.node))
      .map(([path, entry]) => `${path}@${entry.version} needs node ${(entry.engines as { node: string }).node}`);

    expect(tooNew).toEqual([]);
  });
});
