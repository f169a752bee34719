import { Injectable } from '@nestjs/common';
import { Transactional } from '@nestjs-cls/transactional';
import { NotFoundError, ValidationFailedError } from '../../../common/errors/domain-errors';
import type { MessageChannel, SuppressionReason } from '../../../generated/prisma/enums';
import { SuppressionsService } from '../../audience/suppressions/suppressions.service';
import type { AudienceChannel } from '../../audience/channel-address';
import type { CampaignMetricEventDto, MetricChannel, RecordCampaignMetricsDto } from '../dto/campaign-metric.dto';
import { CampaignMetricsRepository, type MessageSubject, type MetricRow } from '../persistence/campaign-metrics.repository';

/** Which message channels a metric channel may name. */
const MESSAGE_CHANNELS: Record<MetricChannel, MessageChannel[]> = { email: ['EMAIL'], sms: ['SMS', 'WHATSAPP'], social: [] };

/** Outcomes that mean "send nothing more to this address", and the suppression reason each records. */
const SUPPRESSING: Partial<Record<string, SuppressionReason>> = { bounce: 'BOUNCED', unsubscribe: 'UNSUBSCRIBED' };

/**
 * Outcomes reported by an ESP, a tracker or a network sync: validated against the organization's
 * own campaigns, messages and posts, recorded all together or not at all, and a bounce or an
 * unsubscribe suppresses the address in the same transaction (the next send checks it).
 */
@Injectable()
export class CampaignMetricsService {
  constructor(private readonly metrics: CampaignMetricsRepository, private readonly suppressions: SuppressionsService) {}

  @Transactional()
  async record(organizationId: string, dto: RecordCampaignMetricsDto, now = new Date()): Promise<{ recorded: number; suppressed: number }> {
    const events = eventsOf(dto);
    const campaigns = await this.metrics.ownCampaignIds(organizationId, unique(events.map((e) => e.campaignId)));
    const messages = await this.metrics.ownMessages(organizationId, unique(events.map((e) => e.messageId)));
    const posts = await this.metrics.ownPosts(organizationId, unique(events.map((e) => e.socialPostId)));
    const rows = events.map((event, index): MetricRow => {
      const field = dto.events ? `events.${index}` : '';
      const at = (name: string) => (field ? `${field}.${name}` : name);
      if (event.campaignId && !campaigns.has(event.campaignId)) throw new NotFoundError('campaign', event.campaignId);
      if (event.messageId && event.socialPostId) throw new ValidationFailedError([at('messageId'), at('socialPostId')], 'invalid metric: name one of messageId and socialPostId');
      const message = event.messageId ? messages.get(event.messageId) : undefined;
      if (event.messageId && !message) throw new NotFoundError('message', event.messageId);
      const post = event.socialPostId ? posts.get(event.socialPostId) : undefined;
      if (event.socialPostId && !post) throw new NotFoundError('social post', event.socialPostId);
      if (message && !MESSAGE_CHANNELS[event.channel].includes(message.channel)) throw new ValidationFailedError([at('channel')], `invalid metric: message ${message.id} is not a message of channel ${event.channel}`);
      if (post && event.channel !== 'social') throw new ValidationFailedError([at('channel')], 'invalid metric: a social post is measured on channel social');
      return {
        campaignId: event.campaignId ?? message?.campaignId ?? post?.campaignId ?? null,
        channel: event.channel,
        kind: event.kind,
        value: event.value ?? 1,
        subjectType: message ? 'message' : post ? 'social_post' : null,
        subjectId: message?.id ?? post?.id ?? null,
        occurredAt: event.occurredAt ? new Date(event.occurredAt) : now,
      };
    });
    const recorded = await this.metrics.insertMany(organizationId, rows);
    let suppressed = 0;
    for (const event of events) {
      const message = event.messageId ? messages.get(event.messageId) : undefined;
      if (message && (await this.suppress(organizationId, event, message))) suppressed += 1;
    }
    return { recorded, suppressed };
  }

  /** True when the address was suppressed now. An address that would not normalize cannot be sent to again either: nothing to suppress. */
  private async suppress(organizationId: string, event: CampaignMetricEventDto, message: MessageSubject): Promise<boolean> {
    const reason = SUPPRESSING[event.kind];
    if (!reason || !message.toAddress) return false;
    // A bounce is an email's; an SMS that does not arrive is reported as failed, not as a reason never to text again.
    if (reason === 'BOUNCED' && message.channel !== 'EMAIL') return false;
    const channel = message.channel as AudienceChannel;
    try {
      const { created } = await this.suppressions.add(organizationId, { channel, address: message.toAddress, reason: channel === 'EMAIL' ? reason : 'OPTED_OUT', source: `campaign-metrics:${event.kind}` });
      return created;
    } catch (error) {
      if (error instanceof ValidationFailedError) return false;
      throw error;
    }
  }
}

function eventsOf(dto: RecordCampaignMetricsDto): CampaignMetricEventDto[] {
  if (!dto.events) return [dto];
  const { events, ...top } = dto;
  const stray = Object.keys(top).filter((key) => top[key as keyof typeof top] !== undefined);
  if (stray.length > 0) throw new ValidationFailedError(stray, `invalid request: send one event, or events alone (not ${stray.join(', ')} beside them)`);
  return events;
}

function unique(ids: Array<string | undefined>): string[] {
  return [...new Set(ids.filter((id): id is string => id !== undefined))];
}
