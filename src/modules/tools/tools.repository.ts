import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../infra/prisma/prisma.service';
import type { ToolDefinition } from './tool.types';

@Injectable()
export class ToolsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Upserts one catalog row per tool and returns name → id. Idempotent across processes. */
  async syncCatalog(tools: ToolDefinition[]): Promise<Map<string, string>> {
    const ids = new Map<string, string>();
    for (const tool of tools) {
      const row = await this.prisma.tool.upsert({
        where: { name: tool.name },
        create: { name: tool.name, description: tool.description },
        update: { description: tool.description },
        select: { id: true },
      });
      ids.set(tool.name, row.id);
    }
    return ids;
  }
}
