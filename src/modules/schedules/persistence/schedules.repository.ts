import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterPrisma } from '@nestjs-cls/transactional-adapter-prisma';
import type { Prisma } from '../../../generated/prisma/client';
import { PrismaService } from '../../../infra/prisma/prisma.service';
import type { StoredJson } from '../../orchestration/run.records';

export type ScheduleOverlap = 'SKIP' | 'ALLOW';

export interface ScheduleRecord {
  id: string;
  organizationId: string;
  /** Its runs are submitted as this user: the schedule's creator. */
  userId: string;
  agentName: string;
  intent: string | null;
  input: StoredJson;
  cron: string;
  timezone: string;
  overlap: ScheduleOverlap;
  enabled: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface ScheduleFields {
  agentName: string;
  intent: string | null;
  input: StoredJson;
  cron: string;
  timezone: string;
  overlap: ScheduleOverlap;
  enabled: boolean;
}

export interface SchedulePageRequest {
  limit: number;
  after?: { createdAt: Date; id: string };
}

const SCHEDULE_FIELDS = {
  id: true,
  organizationId: true,
  userId: true,
  agentName: true,
  intent: true,
  input: true,
  cron: true,
  timezone: true,
  overlap: true,
  enabled: true,
  createdAt: true,
  updatedAt: true,
} as const;

type Row = Prisma.ScheduleGetPayload<{ select: typeof SCHEDULE_FIELDS }>;

/** Schedules by organization: another organization's schedule is not found. */
@Injectable()
export class SchedulesRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterPrisma<PrismaService>>) {}

  private get tx() {
    return this.txHost.tx;
  }

  async create(owner: { organizationId: string; userId: string }, fields: ScheduleFields): Promise<ScheduleRecord> {
    return toRecord(await this.tx.schedule.create({ data: { organizationId: owner.organizationId, userId: owner.userId, ...fields, input: fields.input as Prisma.InputJsonValue }, select: SCHEDULE_FIELDS }));
  }

  async find(organizationId: string, id: string): Promise<ScheduleRecord | null> {
    const row = await this.tx.schedule.findFirst({ where: { id, organizationId }, select: SCHEDULE_FIELDS });
    return row ? toRecord(row) : null;
  }

  /**
   * Inside a transaction: queues the organization's writers of one (agent, intent) schedule
   * behind each other until the transaction ends (an advisory lock: the row may not exist yet).
   */
  async lockPurpose(organizationId: string, agentName: string, intent: string): Promise<void> {
    await this.tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`schedule:${organizationId}:${agentName}:${intent}`}, 0))`;
  }

  /** The oldest schedule of the organization's agent with this intent. */
  async findByPurpose(organizationId: string, agentName: string, intent: string): Promise<ScheduleRecord | null> {
    const row = await this.tx.schedule.findFirst({ where: { organizationId, agentName, intent }, select: SCHEDULE_FIELDS, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
    return row ? toRecord(row) : null;
  }

  /** For a tick, which carries no organization: the schedule's own row says whose it is. */
  async findById(id: string): Promise<ScheduleRecord | null> {
    const row = await this.tx.schedule.findUnique({ where: { id }, select: SCHEDULE_FIELDS });
    return row ? toRecord(row) : null;
  }

  /** Newest first; (createdAt, id) is the keyset, so a page boundary between equal times loses nothing. */
  async list(organizationId: string, page: SchedulePageRequest): Promise<ScheduleRecord[]> {
    const after = page.after;
    const rows = await this.tx.schedule.findMany({
      where: {
        organizationId,
        ...(after ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] } : {}),
      },
      select: SCHEDULE_FIELDS,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: page.limit + 1,
    });
    return rows.map(toRecord);
  }

  /** Null when the schedule is not the organization's. */
  async update(organizationId: string, id: string, fields: Partial<ScheduleFields>): Promise<ScheduleRecord | null> {
    const { input, ...rest } = fields;
    const data = { ...rest, ...(input !== undefined ? { input: input as Prisma.InputJsonValue } : {}) };
    try {
      return toRecord(await this.tx.schedule.update({ where: { id, organizationId }, data, select: SCHEDULE_FIELDS }));
    } catch (error) {
      // P2025: no row matched (another organization's, or gone). By code: the error class differs per engine.
      if ((error as { code?: unknown } | null)?.code === 'P2025') return null;
      throw error;
    }
  }

  /** Its ticks go with it (ON DELETE CASCADE); its runs stay, their schedule id cleared. Returns the rows deleted: 0 or 1. */
  async delete(organizationId: string, id: string): Promise<number> {
    return (await this.tx.schedule.deleteMany({ where: { id, organizationId } })).count;
  }

  /** Every enabled schedule's id, across organizations: each must have its job scheduler in Redis. */
  async enabledIds(): Promise<string[]> {
    return (await this.tx.schedule.findMany({ where: { enabled: true }, select: { id: true } })).map((row) => row.id);
  }
}

function toRecord(row: Row): ScheduleRecord {
  return { ...row, input: row.input as StoredJson, overlap: row.overlap };
}
