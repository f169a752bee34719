import { Injectable } from '@nestjs/common';
import type { ConsentStatus } from '../../../generated/prisma/enums';
import { type AudienceChannel, normalizeAddress } from '../channel-address';
import { type ConsentEntry, ConsentRepository } from './consent.repository';

export interface ConsentChange {
  channel: AudienceChannel;
  address: string;
  status: ConsentStatus;
  /** How it was given or withdrawn: `web-form`, `sms:STOP`, `import`, ... */
  source: string;
  /** What proves it (a form submission id, the inbound message id). */
  evidence?: string | null;
}

/**
 * A contact's consent per channel, as an append-only history (what regulators ask to see: when,
 * how, on what evidence); the latest record is the one in force. Opting out is also a suppression:
 * callers that record a REVOKED consent suppress the address too (the suppression list is what
 * sends check).
 */
@Injectable()
export class ConsentService {
  constructor(private readonly consents: ConsentRepository) {}

  record(organizationId: string, change: ConsentChange): Promise<ConsentEntry> {
    return this.consents.append(organizationId, {
      channel: change.channel,
      address: normalizeAddress(change.channel, change.address),
      status: change.status,
      source: change.source,
      evidence: change.evidence ?? null,
    });
  }

  /** The record in force, or null when the address never gave nor withdrew consent on the channel. */
  latest(organizationId: string, channel: AudienceChannel, address: string): Promise<ConsentEntry | null> {
    return this.consents.latest(organizationId, channel, normalizeAddress(channel, address));
  }

  async latestStatus(organizationId: string, channel: AudienceChannel, address: string): Promise<ConsentStatus | null> {
    return (await this.latest(organizationId, channel, address))?.status ?? null;
  }
}
