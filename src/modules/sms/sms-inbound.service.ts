import { Injectable } from '@nestjs/common';
import { Transactional } from '@nestjs-cls/transactional';
import { PinoLogger } from 'nestjs-pino';
import { isStartKeyword, isStopKeyword } from '../audience/addresses';
import { normalizeAddress } from '../audience/channel-address';
import { ConsentService } from '../audience/consent/consent.service';
import { SuppressionsService } from '../audience/suppressions/suppressions.service';
import type { InboundSmsDto, InboundSmsView } from './dto/inbound.dto';
import { SmsMessagesRepository } from './persistence/sms-messages.repository';
import { MESSAGE_CHANNEL } from './sms-channel';

/**
 * Replies to the organization's texts. A STOP keyword suppresses the sender on the channel and
 * records the withdrawn consent; a START keyword lifts the opt-out a STOP made (never a bounce or
 * an agency's own block) and records the consent given; anything else is kept as an inbound
 * message. Each is one transaction, and idempotent: a second STOP finds the address suppressed
 * and its consent already revoked, and records nothing more.
 */
@Injectable()
export class SmsInbound {
  constructor(
    private readonly suppressions: SuppressionsService,
    private readonly consents: ConsentService,
    private readonly messages: SmsMessagesRepository,
    private readonly logger: PinoLogger,
  ) {
    logger.setContext(SmsInbound.name);
  }

  @Transactional()
  async receive(organizationId: string, dto: InboundSmsDto): Promise<InboundSmsView> {
    const channel = MESSAGE_CHANNEL[dto.channel];
    const from = normalizeAddress(channel, dto.from, 'from');
    const source = `${dto.channel}:inbound`;
    const evidence = dto.messageId ?? dto.text.trim().slice(0, 200);
    const view = { channel: dto.channel, from, messageId: null };

    if (isStopKeyword(dto.text)) {
      const { created } = await this.suppressions.add(organizationId, { channel, address: from, reason: 'OPTED_OUT', source: `${dto.channel}:STOP` });
      const revoked = await this.consentChanges(organizationId, channel, from, 'REVOKED', source, evidence);
      this.logger.info({ channel, changed: created || revoked }, 'recipient opted out');
      return { ...view, outcome: 'opted_out', changed: created || revoked };
    }
    if (isStartKeyword(dto.text)) {
      const lifted = await this.suppressions.liftIfReason(organizationId, channel, from, ['OPTED_OUT']);
      const granted = await this.consentChanges(organizationId, channel, from, 'GRANTED', source, evidence);
      this.logger.info({ channel, changed: lifted || granted }, 'recipient opted in');
      return { ...view, outcome: 'opted_in', changed: lifted || granted };
    }
    const messageId = await this.messages.recordInbound(organizationId, {
      channel: dto.channel,
      from,
      to: dto.to ? normalizeAddress(channel, dto.to, 'to') : null,
      body: dto.text,
      dedupeKey: dto.messageId ? `${dto.channel}-in:${dto.messageId}` : null,
    });
    return { ...view, outcome: 'received', changed: true, messageId };
  }

  /** Appends the consent record only when it changes the one in force: the history keeps changes, not repetitions. */
  private async consentChanges(organizationId: string, channel: 'SMS' | 'WHATSAPP', address: string, status: 'GRANTED' | 'REVOKED', source: string, evidence: string): Promise<boolean> {
    if ((await this.consents.latestStatus(organizationId, channel, address)) === status) return false;
    await this.consents.record(organizationId, { channel, address, status, source, evidence });
    return true;
  }
}
