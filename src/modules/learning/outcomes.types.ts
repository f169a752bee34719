/**
 * What the learning agent measures per agent over its window: the `learning.outcomes` step's
 * answer, recorded, so a resumed run decides on the figures it read the first time.
 */

export const TUNABLE_AGENTS = ['email', 'sms', 'social', 'content'] as const;
export type TunableAgent = (typeof TUNABLE_AGENTS)[number];

/** Sends at one hour of the day (the recipient's local hour when their lead names a time zone, else UTC). */
export interface HourFigures {
  hour: number;
  sent: number;
  /** Email: opened (a click counts as an open); SMS: replied. */
  hits: number;
  rate: number;
}

/** Email sends of one kind (e.g. short subjects): how many, how many opened. */
export interface SendFigures {
  sent: number;
  hits: number;
  rate: number;
}

export interface EmailFigures {
  channel: 'email';
  sent: number;
  opened: number;
  clicked: number;
  openRate: number;
  clickRate: number;
  byHour: HourFigures[];
  /** Sends whose subject is under SHORT_SUBJECT_LENGTH characters, and the others. */
  subjects: { short: SendFigures; long: SendFigures };
}

export interface SmsFigures {
  channel: 'sms';
  sent: number;
  replied: number;
  optedOut: number;
  replyRate: number;
  optOutRate: number;
  byHour: HourFigures[];
}

export interface NetworkFigures {
  network: string;
  posts: number;
  impressions: number;
  engagement: number;
  engagementPerPost: number;
}

/** Social posts published in the window (for content: those made from a piece of content). */
export interface SocialFigures {
  channel: 'social';
  posts: number;
  impressions: number;
  engagement: number;
  /** Engagement per impression; null without impressions. */
  engagementRate: number | null;
  engagementPerPost: number;
  byNetwork: NetworkFigures[];
}

export type AgentFigures = EmailFigures | SmsFigures | SocialFigures;

export interface AgentOutcomes {
  agent: TunableAgent;
  /** False when this deployment has no such agent: nothing to tune. */
  registered: boolean;
  figures: AgentFigures;
}

export interface OutcomesReport {
  since: string;
  until: string;
  /** AGENT_MAX_TEMPERATURE: a raised temperature stays within it. */
  maxTemperature: number;
  agents: AgentOutcomes[];
}

export const SHORT_SUBJECT_LENGTH = 45;

export function rate(hits: number, total: number): number {
  return total > 0 ? hits / total : 0;
}
