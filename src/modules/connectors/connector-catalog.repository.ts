import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../infra/prisma/prisma.service';
import type { ConnectorManifest } from './connector.types';

/** A manifest as its Connector row (the seed writes the rows it needs before the app has synced them). */
export function catalogRow(m: ConnectorManifest) {
  return { name: m.displayName, kind: m.kind, authType: m.authType, description: `${m.displayName}: ${m.actions.map((a) => a.name).join(', ')}` };
}

@Injectable()
export class ConnectorCatalogRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** The Connector table mirrors the code's catalog (every known provider, enabled or not). */
  async sync(manifests: ConnectorManifest[]): Promise<void> {
    for (const m of manifests) {
      const data = catalogRow(m);
      await this.prisma.connector.upsert({ where: { key: m.key }, create: { key: m.key, ...data }, update: data, select: { id: true } });
    }
  }
}
