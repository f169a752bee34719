import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterPrisma } from '@nestjs-cls/transactional-adapter-prisma';
import { Prisma } from '../../../generated/prisma/client';
import { PrismaService } from '../../../infra/prisma/prisma.service';
import { SHORT_SUBJECT_LENGTH } from '../outcomes.types';

export interface Window {
  since: Date;
  until: Date;
}

/** Sends grouped by local hour and subject length: the email agent's figures are summed from these. */
export interface EmailSendGroup {
  hour: number;
  shortSubject: boolean;
  sent: number;
  opened: number;
  clicked: number;
}

export interface SmsSendGroup {
  hour: number;
  sent: number;
  replied: number;
  optedOut: number;
}

export interface PostGroup {
  network: string;
  posts: number;
  impressions: number;
  engagement: number;
}

/** How long after a text a reply or an opt-out is still counted as answering it. */
const ANSWER_WINDOW = '3 days';

/**
 * The outcomes the learning agent tunes on, aggregated in the database (one statement per
 * channel, however many sends). Every statement names the organization.
 */
@Injectable()
export class OutcomesRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterPrisma<PrismaService>>) {}

  /**
   * Emails sent in the window, by the hour they were sent at in the recipient's time zone (their
   * lead's, when it names one Postgres knows; else UTC). A click counts as an open: a reader who
   * blocks images clicks without the open pixel firing.
   */
  async emailSends(organizationId: string, window: Window): Promise<EmailSendGroup[]> {
    return this.txHost.tx.$queryRaw<EmailSendGroup[]>`
      WITH sent AS (
        SELECT m.id, char_length(COALESCE(m.subject, '')) < ${SHORT_SUBJECT_LENGTH} AS short_subject,
               EXTRACT(HOUR FROM m.sent_at AT TIME ZONE COALESCE(tz.name, 'UTC'))::int AS hour,
               EXISTS (SELECT 1 FROM campaign_metrics c WHERE c.organization_id = m.organization_id AND c.subject_type = 'message' AND c.subject_id = m.id AND c.kind = 'open') AS opened,
               EXISTS (SELECT 1 FROM campaign_metrics c WHERE c.organization_id = m.organization_id AND c.subject_type = 'message' AND c.subject_id = m.id AND c.kind = 'click') AS clicked
        FROM messages m
        LEFT JOIN marketing_leads l ON l.organization_id = m.organization_id AND l.email = m.to_address::citext
        LEFT JOIN pg_timezone_names tz ON tz.name = l.timezone
        WHERE m.organization_id = ${organizationId}::uuid AND m.channel = 'EMAIL' AND m.direction = 'OUTBOUND' AND m.status = 'SENT'
          AND m.sent_at >= ${window.since} AND m.sent_at < ${window.until}
      )
      SELECT hour, short_subject AS "shortSubject", count(*)::int AS sent,
             count(*) FILTER (WHERE opened OR clicked)::int AS opened, count(*) FILTER (WHERE clicked)::int AS clicked
      FROM sent GROUP BY hour, short_subject ORDER BY hour`;
  }

  /**
   * Texts (SMS and WhatsApp) sent in the window by local hour. A reply is a reported `reply` or a
   * message in from the number within ANSWER_WINDOW; an opt-out a reported `unsubscribe` or the
   * number's opt-out suppression within it (how the STOP keyword is recorded).
   */
  async smsSends(organizationId: string, window: Window): Promise<SmsSendGroup[]> {
    return this.txHost.tx.$queryRaw<SmsSendGroup[]>`
      WITH sent AS (
        SELECT EXTRACT(HOUR FROM m.sent_at AT TIME ZONE COALESCE(tz.name, 'UTC'))::int AS hour,
               (EXISTS (SELECT 1 FROM campaign_metrics c WHERE c.organization_id = m.organization_id AND c.subject_type = 'message' AND c.subject_id = m.id AND c.kind = 'reply')
                OR EXISTS (SELECT 1 FROM messages r WHERE r.organization_id = m.organization_id AND r.channel = m.channel AND r.direction = 'INBOUND'
                           AND r.from_address = m.to_address AND r.created_at >= m.sent_at AND r.created_at < m.sent_at + ${ANSWER_WINDOW}::interval)) AS replied,
               (EXISTS (SELECT 1 FROM campaign_metrics c WHERE c.organization_id = m.organization_id AND c.subject_type = 'message' AND c.subject_id = m.id AND c.kind = 'unsubscribe')
                OR EXISTS (SELECT 1 FROM suppressions s WHERE s.organization_id = m.organization_id AND s.channel = m.channel AND s.address = m.to_address::citext
                           AND s.reason = 'OPTED_OUT' AND s.created_at >= m.sent_at AND s.created_at < m.sent_at + ${ANSWER_WINDOW}::interval)) AS opted_out
        FROM messages m
        LEFT JOIN marketing_leads l ON l.organization_id = m.organization_id AND l.phone = m.to_address
        LEFT JOIN pg_timezone_names tz ON tz.name = l.timezone
        WHERE m.organization_id = ${organizationId}::uuid AND m.channel IN ('SMS', 'WHATSAPP') AND m.direction = 'OUTBOUND' AND m.status = 'SENT'
          AND m.sent_at >= ${window.since} AND m.sent_at < ${window.until}
      )
      SELECT hour, count(*)::int AS sent, count(*) FILTER (WHERE replied)::int AS replied, count(*) FILTER (WHERE opted_out)::int AS "optedOut"
      FROM sent GROUP BY hour ORDER BY hour`;
  }

  /**
   * Posts published in the window, by network (only those made from a piece of content when
   * `fromContent`). A post's engagement and impressions are the events reported for it when there
   * are any, else the counts its network last gave (likes + comments + shares).
   */
  async posts(organizationId: string, window: Window, fromContent: boolean): Promise<PostGroup[]> {
    return this.txHost.tx.$queryRaw<PostGroup[]>`
      WITH post AS (
        SELECT p.network::text AS network,
               (SELECT sum(c.value) FROM campaign_metrics c WHERE c.organization_id = p.organization_id AND c.subject_type = 'social_post' AND c.subject_id = p.id AND c.kind = 'engagement') AS reported_engagement,
               (SELECT sum(c.value) FROM campaign_metrics c WHERE c.organization_id = p.organization_id AND c.subject_type = 'social_post' AND c.subject_id = p.id AND c.kind = 'impressions') AS reported_impressions,
               ${count('likes')} + ${count('comments')} + ${count('shares')} AS synced_engagement,
               ${count('impressions')} AS synced_impressions
        FROM social_posts p
        WHERE p.organization_id = ${organizationId}::uuid AND p.status = 'PUBLISHED'
          AND p.published_at >= ${window.since} AND p.published_at < ${window.until}
          AND (${!fromContent} OR p.content_id IS NOT NULL)
      )
      SELECT network, count(*)::int AS posts,
             COALESCE(sum(COALESCE(reported_impressions, synced_impressions)), 0)::float8 AS impressions,
             COALESCE(sum(COALESCE(reported_engagement, synced_engagement)), 0)::float8 AS engagement
      FROM post GROUP BY network ORDER BY network`;
  }
}

/** A count from the network's metrics object, 0 when absent or not a number (what a network sends is not ours to trust). */
function count(key: string) {
  return Prisma.sql`(CASE WHEN jsonb_typeof(p.metrics -> ${key}) = 'number' THEN (p.metrics ->> ${key})::float8 ELSE 0 END)`;
}
