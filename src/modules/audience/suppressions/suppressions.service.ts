import { Injectable } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import type { SuppressionReason } from '../../../generated/prisma/enums';
import { decodeCursor, encodeCursor } from '../../../common/validation/page-cursor';
import { type AudienceChannel, normalizeAddress } from '../channel-address';
import { SuppressionNotFoundError } from './suppression-errors';
import { type SuppressionFilter, type SuppressionRecord, SuppressionsRepository } from './suppressions.repository';

export interface NewSuppression {
  channel: AudienceChannel;
  address: string;
  reason: SuppressionReason;
  /** Where it came from: `api`, `email-send:bounce`, `sms:STOP`, ... */
  source?: string | null;
}

export interface SuppressionPage {
  items: SuppressionRecord[];
  nextCursor: string | null;
}

const DEFAULT_PAGE_SIZE = 20;

/**
 * The addresses no outbound message may go to, per channel: what every sending stage checks right
 * before it sends. Adding is idempotent (an address is suppressed once; its first reason stays),
 * so a bounce recorded twice, or a manual entry of an address that already bounced, changes nothing.
 */
@Injectable()
export class SuppressionsService {
  constructor(private readonly suppressions: SuppressionsRepository, private readonly logger: PinoLogger) {
    logger.setContext(SuppressionsService.name);
  }

  /** `created` is false when the address was already suppressed on the channel: the record in force is answered. */
  async add(organizationId: string, entry: NewSuppression): Promise<{ suppression: SuppressionRecord; created: boolean }> {
    const fields = { channel: entry.channel, address: normalizeAddress(entry.channel, entry.address), reason: entry.reason, source: entry.source ?? null };
    // Twice at most: a suppression lifted between the insert that found it and the read is inserted again.
    for (let attempt = 1; ; attempt++) {
      const inserted = await this.suppressions.insertIfAbsent(organizationId, fields);
      if (inserted) {
        this.logger.info({ suppressionId: inserted.id, channel: inserted.channel, reason: inserted.reason }, 'address suppressed');
        return { suppression: inserted, created: true };
      }
      const existing = await this.suppressions.findByAddress(organizationId, fields.channel, fields.address);
      if (existing) return { suppression: existing, created: false };
      if (attempt === 2) throw new Error('the suppression was lifted twice while being added');
    }
  }

  async list(organizationId: string, filter: SuppressionFilter, query: { limit?: number; cursor?: string }): Promise<SuppressionPage> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const byAddress = filter.address !== undefined ? { address: filter.address.trim().toLowerCase() } : {};
    const rows = await this.suppressions.list(organizationId, { ...filter, ...byAddress }, { limit, ...(query.cursor ? { after: decodeCursor(query.cursor) } : {}) });
    const items = rows.slice(0, limit);
    return { items, nextCursor: rows.length > limit ? encodeCursor(items[items.length - 1]) : null };
  }

  async get(organizationId: string, id: string): Promise<SuppressionRecord> {
    const suppression = await this.suppressions.find(organizationId, id);
    if (!suppression) throw new SuppressionNotFoundError(id);
    return suppression;
  }

  /** The address may be sent to again (a person re-subscribed, a bounce was fixed). */
  async remove(organizationId: string, id: string): Promise<void> {
    if ((await this.suppressions.delete(organizationId, id)) === 0) throw new SuppressionNotFoundError(id);
    this.logger.info({ suppressionId: id }, 'suppression removed');
  }

  /**
   * Lifts the address's suppression only if it has one of `reasons`: an opt-in by the person lifts
   * their own opt-out, never a bounce or an agency's manual block. True when one was lifted.
   */
  async liftIfReason(organizationId: string, channel: AudienceChannel, address: string, reasons: SuppressionReason[]): Promise<boolean> {
    const lifted = (await this.suppressions.deleteByAddress(organizationId, channel, normalizeAddress(channel, address), reasons)) > 0;
    if (lifted) this.logger.info({ channel }, 'suppression lifted by the recipient');
    return lifted;
  }

  async isSuppressed(organizationId: string, channel: AudienceChannel, address: string): Promise<boolean> {
    return (await this.suppressedAmong(organizationId, channel, [address])).length > 0;
  }

  /**
   * The addresses of `addresses` that are suppressed, spelled as given: one statement however long
   * the list. Compared as the column does (case-insensitively, spaces around ignored), without
   * refusing an address that would not normalize: such an address is simply not suppressed.
   */
  async suppressedAmong(organizationId: string, channel: AudienceChannel, addresses: string[]): Promise<string[]> {
    const key = (address: string) => address.trim().toLowerCase();
    const suppressed = new Set((await this.suppressions.suppressedAmong(organizationId, channel, [...new Set(addresses.map(key))])).map(key));
    return addresses.filter((address) => suppressed.has(key(address)));
  }
}
