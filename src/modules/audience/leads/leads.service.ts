import { Injectable } from '@nestjs/common';
import { Transactional } from '@nestjs-cls/transactional';
import { PinoLogger } from 'nestjs-pino';
import { NotFoundError, ValidationFailedError } from '../../../common/errors/domain-errors';
import type { MarketingLeadStatus } from '../../../generated/prisma/enums';
import { decodeCursor, encodeCursor } from '../../../common/validation/page-cursor';
import { type AudienceChannel, normalizeAddress } from '../channel-address';
import { SuppressionsService } from '../suppressions/suppressions.service';
import type { CreateLeadDto, ListLeadsQuery, UpdateLeadDto } from './lead.dto';
import { LeadNotFoundError } from './lead-errors';
import { type LeadFields, type LeadRecord, LeadsRepository, type PhoneContact } from './leads.repository';

export interface LeadPage {
  items: LeadRecord[];
  nextCursor: string | null;
}

const DEFAULT_PAGE_SIZE = 20;

/**
 * The people an organization markets to. Addresses are stored normalized (one spelling per person,
 * which the unique indexes and suppressions rely on). A lead set to UNSUBSCRIBED has its addresses
 * suppressed in the same transaction: the suppression list is what every send checks, so a status
 * alone would not stop an email addressed to the person directly.
 */
@Injectable()
export class LeadsService {
  constructor(private readonly leads: LeadsRepository, private readonly suppressions: SuppressionsService, private readonly logger: PinoLogger) {
    logger.setContext(LeadsService.name);
  }

  @Transactional()
  async create(organizationId: string, dto: CreateLeadDto): Promise<LeadRecord> {
    const fields: LeadFields = {
      email: dto.email != null ? normalizeAddress('EMAIL', dto.email, 'email') : null,
      phone: dto.phone != null ? normalizeAddress('SMS', dto.phone, 'phone') : null,
      name: dto.name ?? null,
      timezone: dto.timezone ?? 'UTC',
      status: dto.status ?? 'NEW',
      personaId: dto.personaId ?? null,
      attributes: dto.attributes ?? {},
    };
    if (!fields.email && !fields.phone) throw noAddress();
    await this.checkPersona(organizationId, fields.personaId);
    const lead = await this.leads.create(organizationId, fields);
    await this.suppressIfUnsubscribed(organizationId, lead);
    this.logger.info({ leadId: lead.id }, 'lead created');
    return lead;
  }

  async list(organizationId: string, query: ListLeadsQuery): Promise<LeadPage> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const filter = {
      ...(query.status ? { status: query.status } : {}),
      ...(query.personaId ? { personaId: query.personaId } : {}),
      ...(query.email ? { email: normalizeAddress('EMAIL', query.email, 'email') } : {}),
    };
    const rows = await this.leads.list(organizationId, filter, { limit, ...(query.cursor ? { after: decodeCursor(query.cursor) } : {}) });
    const items = rows.slice(0, limit);
    return { items, nextCursor: rows.length > limit ? encodeCursor(items[items.length - 1]) : null };
  }

  async get(organizationId: string, id: string): Promise<LeadRecord> {
    const lead = await this.leads.find(organizationId, id);
    if (!lead) throw new LeadNotFoundError(id);
    return lead;
  }

  /** Only the fields sent change; null clears email, phone, name or persona (a lead keeps at least one address). */
  @Transactional()
  async update(organizationId: string, id: string, dto: UpdateLeadDto): Promise<LeadRecord> {
    const fields: Partial<LeadFields> = {
      ...(dto.email !== undefined ? { email: dto.email === null ? null : normalizeAddress('EMAIL', dto.email, 'email') } : {}),
      ...(dto.phone !== undefined ? { phone: dto.phone === null ? null : normalizeAddress('SMS', dto.phone, 'phone') } : {}),
      ...(dto.name !== undefined ? { name: dto.name } : {}),
      ...(dto.timezone !== undefined ? { timezone: dto.timezone } : {}),
      ...(dto.status !== undefined ? { status: dto.status } : {}),
      ...(dto.personaId !== undefined ? { personaId: dto.personaId } : {}),
      ...(dto.attributes !== undefined ? { attributes: dto.attributes } : {}),
    };
    if (fields.personaId) await this.checkPersona(organizationId, fields.personaId);
    const lead = await this.leads.update(organizationId, id, fields);
    if (!lead) throw new LeadNotFoundError(id);
    // Checked on the row the update returned, so it rolls back with it.
    if (!lead.email && !lead.phone) throw noAddress();
    if (dto.status !== undefined) await this.suppressIfUnsubscribed(organizationId, lead);
    return lead;
  }

  /** For the `audience.recipients` tool: the addresses on `channel` of the leads in `status`. */
  addressesByStatus(organizationId: string, channel: AudienceChannel, status: MarketingLeadStatus, limit: number): Promise<string[]> {
    return this.leads.addressesByStatus(organizationId, channel === 'EMAIL' ? 'email' : 'phone', status, limit);
  }

  /** For the SMS agents: the leads named by id, and the leads of the given phone numbers (normalized), with their time zones. */
  phoneContacts(organizationId: string, ids: string[], phones: string[]): Promise<PhoneContact[]> {
    return this.leads.phoneContacts(organizationId, ids, phones);
  }

  private async checkPersona(organizationId: string, personaId: string | null): Promise<void> {
    if (personaId && !(await this.leads.personaExists(organizationId, personaId))) throw new NotFoundError('persona', personaId);
  }

  private async suppressIfUnsubscribed(organizationId: string, lead: LeadRecord): Promise<void> {
    if (lead.status !== 'UNSUBSCRIBED') return;
    const source = `lead ${lead.id}`;
    if (lead.email) await this.suppressions.add(organizationId, { channel: 'EMAIL', address: lead.email, reason: 'UNSUBSCRIBED', source });
    for (const channel of ['SMS', 'WHATSAPP'] as const) {
      if (lead.phone) await this.suppressions.add(organizationId, { channel, address: lead.phone, reason: 'UNSUBSCRIBED', source });
    }
  }
}

function noAddress(): ValidationFailedError {
  return new ValidationFailedError(['email', 'phone'], 'invalid request: a lead needs an email or a phone number');
}
