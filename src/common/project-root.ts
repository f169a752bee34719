import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

let cached: string | undefined;

/** The folder holding package.json and prisma/: found by walking up, as compiled code sits one level deeper (dist/src). */
export function projectRoot(): string {
  if (cached) return cached;
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'prisma'))) return (cached = dir);
  }
  throw new Error(`cannot find the project root above ${__dirname}`);
}
