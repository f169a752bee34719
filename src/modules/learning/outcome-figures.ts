import type { EmailSendGroup, PostGroup, SmsSendGroup } from './persistence/outcomes.repository';
import { type EmailFigures, type HourFigures, rate, type SendFigures, type SmsFigures, type SocialFigures } from './outcomes.types';

/** The database's groups summed into the figures the rules read (per hour, per subject length, per network). */
export function emailFigures(groups: EmailSendGroup[]): EmailFigures {
  const sum = (rows: EmailSendGroup[]) => rows.reduce((t, g) => ({ sent: t.sent + g.sent, opened: t.opened + g.opened, clicked: t.clicked + g.clicked }), { sent: 0, opened: 0, clicked: 0 });
  const total = sum(groups);
  const send = (rows: EmailSendGroup[]): SendFigures => {
    const t = sum(rows);
    return { sent: t.sent, hits: t.opened, rate: rate(t.opened, t.sent) };
  };
  return {
    channel: 'email',
    ...total,
    openRate: rate(total.opened, total.sent),
    clickRate: rate(total.clicked, total.sent),
    byHour: byHour(groups.map((g) => ({ hour: g.hour, sent: g.sent, hits: g.opened }))),
    subjects: { short: send(groups.filter((g) => g.shortSubject)), long: send(groups.filter((g) => !g.shortSubject)) },
  };
}

export function smsFigures(groups: SmsSendGroup[]): SmsFigures {
  const sent = groups.reduce((t, g) => t + g.sent, 0);
  const replied = groups.reduce((t, g) => t + g.replied, 0);
  const optedOut = groups.reduce((t, g) => t + g.optedOut, 0);
  return { channel: 'sms', sent, replied, optedOut, replyRate: rate(replied, sent), optOutRate: rate(optedOut, sent), byHour: byHour(groups.map((g) => ({ hour: g.hour, sent: g.sent, hits: g.replied }))) };
}

export function socialFigures(groups: PostGroup[]): SocialFigures {
  const posts = groups.reduce((t, g) => t + g.posts, 0);
  const impressions = groups.reduce((t, g) => t + g.impressions, 0);
  const engagement = groups.reduce((t, g) => t + g.engagement, 0);
  return {
    channel: 'social',
    posts,
    impressions,
    engagement,
    engagementRate: impressions > 0 ? engagement / impressions : null,
    engagementPerPost: rate(engagement, posts),
    byNetwork: groups.map((g) => ({ ...g, engagementPerPost: rate(g.engagement, g.posts) })),
  };
}

/** One entry per hour that had sends, in hour order. */
function byHour(rows: Array<{ hour: number; sent: number; hits: number }>): HourFigures[] {
  const hours = new Map<number, { sent: number; hits: number }>();
  for (const row of rows) {
    const t = hours.get(row.hour) ?? { sent: 0, hits: 0 };
    hours.set(row.hour, { sent: t.sent + row.sent, hits: t.hits + row.hits });
  }
  return [...hours.entries()].sort(([a], [b]) => a - b).map(([hour, t]) => ({ hour, ...t, rate: rate(t.hits, t.sent) }));
}

