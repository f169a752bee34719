import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../infra/prisma/prisma.service';
import type { ConnectorManifest } from './connector.types';

@Injectable()
export class ConnectorCatalogRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** The Connector table mirrors the code's catalog (every known provider, enabled or not). */
  async sync(manifests: ConnectorManifest[]): Promise<void> {
    for (const m of manifests) {
      const data = { name: m.displayName, kind: m.kind, authType: m.authType, description: `${m.displayName}: ${m.actions.map((a) => a.name).join(', ')}` };
      await this.prisma.connector.upsert({ where: { key: m.key }, create: { key: m.key, ...data }, update: data, select: { id: true } });
    }
  }
}
