import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterPrisma } from '@nestjs-cls/transactional-adapter-prisma';
import type { Prisma } from '../../../generated/prisma/client';
import { PrismaService } from '../../../infra/prisma/prisma.service';
import { isUniqueViolation } from '../../brands/persistence/prisma-codes';
import { ConfigWrittenConcurrentlyError } from '../agent-config-errors';
import type { ConfigValues, StoredConfig } from '../config-values';

const CONFIG_FIELDS = {
  id: true,
  enabled: true,
  model: true,
  temperature: true,
  brandId: true,
  connections: true,
  approvalPolicies: true,
  promptHints: true,
  settings: true,
  version: true,
  updatedAt: true,
} as const;

/** One row per (organization, agent), written only once the organization sets something. */
@Injectable()
export class AgentConfigsRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterPrisma<PrismaService>>) {}

  private get tx() {
    return this.txHost.tx;
  }

  find(organizationId: string, agentName: string): Promise<StoredConfig | null> {
    return this.tx.agentConfig.findUnique({ where: { organizationId_agentName: { organizationId, agentName } }, select: CONFIG_FIELDS });
  }

  /** Inside a transaction: the row, locked until the transaction ends, so writers of one agent's configuration queue. */
  async lock(organizationId: string, agentName: string): Promise<StoredConfig | null> {
    const rows = await this.tx.$queryRaw<StoredConfig[]>`
      SELECT id, enabled, model, temperature, brand_id AS "brandId", connections, approval_policies AS "approvalPolicies",
             prompt_hints AS "promptHints", settings, version, updated_at AS "updatedAt"
        FROM agent_configs WHERE organization_id = ${organizationId}::uuid AND agent_name = ${agentName} FOR UPDATE`;
    return rows[0] ?? null;
  }

  /** Null: the organization never configured the agent (it is enabled). One indexed read per run submitted. */
  async enabled(organizationId: string, agentName: string): Promise<boolean | null> {
    const row = await this.tx.agentConfig.findUnique({ where: { organizationId_agentName: { organizationId, agentName } }, select: { enabled: true } });
    return row?.enabled ?? null;
  }

  /** The first write, at version 1; a concurrent first write of the same agent loses with a 409. */
  async create(organizationId: string, agentName: string, values: ConfigValues, userId: string | null): Promise<StoredConfig> {
    try {
      return await this.tx.agentConfig.create({ data: { organizationId, agentName, ...columnsOf(values), updatedById: userId }, select: CONFIG_FIELDS });
    } catch (error) {
      throw isUniqueViolation(error) ? new ConfigWrittenConcurrentlyError(agentName) : error;
    }
  }

  /** Under the lock taken by `lock`: the next version. */
  update(id: string, values: ConfigValues, userId: string | null): Promise<StoredConfig> {
    return this.tx.agentConfig.update({ where: { id }, data: { ...columnsOf(values), updatedById: userId, version: { increment: 1 } }, select: CONFIG_FIELDS });
  }

  /** Whether the brand is the organization's (another organization's brand is as unknown as a missing one). */
  async isOrganizationBrand(organizationId: string, brandId: string): Promise<boolean> {
    return (await this.tx.brand.count({ where: { id: brandId, organizationId } })) > 0;
  }
}

function columnsOf(values: ConfigValues) {
  return {
    enabled: values.enabled,
    model: values.model,
    temperature: values.temperature,
    brandId: values.brandId,
    connections: values.connections as Prisma.InputJsonObject,
    approvalPolicies: values.approvalPolicies as unknown as Prisma.InputJsonObject,
    promptHints: values.promptHints,
    settings: values.settings as Prisma.InputJsonObject,
  };
}
