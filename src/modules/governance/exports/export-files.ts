import { Inject, Injectable } from '@nestjs/common';
import { createReadStream, type ReadStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, resolve, sep } from 'node:path';
import { APP_CONFIG } from '../../../config/config.module';
import type { AppConfig } from '../../../config/app-config';

/**
 * Where archives live: NEONHUB_DATA_DIR/exports/<organization>/<export>.zip, the data directory
 * the deployment already keeps its other local state in. The worker writes, the API streams and
 * the retention sweep deletes, so every process must see the same directory (one volume shared
 * by the API and the workers in a deployment of several processes).
 */
@Injectable()
export class ExportFiles {
  private readonly root: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.root = resolve(config.dataDir, 'exports');
  }

  /** The file name stored on the row: relative to the exports directory. */
  fileName(organizationId: string, exportId: string): string {
    return `${organizationId}/${exportId}.zip`;
  }

  /** The path a build writes to before it is complete: a crash never leaves a file that looks finished. */
  async partialPath(fileName: string): Promise<string> {
    const path = `${this.path(fileName)}.part`;
    await mkdir(dirname(path), { recursive: true });
    return path;
  }

  async complete(fileName: string): Promise<void> {
    await rename(`${this.path(fileName)}.part`, this.path(fileName));
  }

  async size(fileName: string): Promise<number | undefined> {
    return (await stat(this.path(fileName)).catch(() => undefined))?.size;
  }

  open(fileName: string): ReadStream {
    return createReadStream(this.path(fileName));
  }

  /** The archive and any partial one; nothing when they are already gone. */
  async remove(fileName: string): Promise<void> {
    await rm(this.path(fileName), { force: true });
    await rm(`${this.path(fileName)}.part`, { force: true });
  }

  /** Names come from our own rows, but a path outside the directory is refused all the same. */
  private path(fileName: string): string {
    const path = resolve(this.root, fileName);
    if (!path.startsWith(this.root + sep)) throw new Error(`export file ${fileName} is outside the exports directory`);
    return path;
  }
}
