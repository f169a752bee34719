import { type AgentFigures, type EmailFigures, SHORT_SUBJECT_LENGTH, type SmsFigures, type SocialFigures } from './outcomes.types';

/** The part of an agent's configuration the rules read and may change. */
export interface TunableConfig {
  temperature: number | null;
  promptHints: string[];
  settings: Record<string, unknown>;
}

export type TunedField = 'settings' | 'temperature' | 'promptHints';

export interface Adjustment {
  field: TunedField;
  before: unknown;
  after: unknown;
  reason: string;
}

export interface Tuning {
  sample: number;
  adjustments: Adjustment[];
  /** Why a rule changed nothing: a person reading the run sees that the agent looked, and why it held back. */
  skipped: string[];
}

export interface TuningLimits {
  minSample: number;
  maxTemperature: number;
}

export const TEMPERATURE_STEP = 0.1;
export const MIN_TEMPERATURE = 0.1;
export const MAX_TEMPERATURE = 1;
/** What an agent with no temperature set is taken to run at (the agents' usual default). */
export const DEFAULT_TEMPERATURE = 0.7;
/** A winner must beat the baseline by this factor and by MIN_RATE_GAIN points, so noise does not move the configuration back and forth. */
export const WIN_FACTOR = 1.2;
export const MIN_RATE_GAIN = 0.02;
/** The fewest posts a network needs before its figures name it in a hint. */
export const MIN_NETWORK_POSTS = 5;

/** Below the floor the agent writes more conservatively (temperature down); above the ceiling it may explore (up). */
const RATE_BANDS: Record<AgentFigures['channel'], { floor: number; ceiling: number; measure: string }> = {
  email: { floor: 0.15, ceiling: 0.35, measure: 'open rate' },
  sms: { floor: 0.02, ceiling: 0.1, measure: 'reply rate' },
  social: { floor: 0.01, ceiling: 0.05, measure: 'engagement rate' },
};

/** Hints the learning agent owns, by their opening words: a newer one replaces the older one of its family. */
const HINT_FAMILIES = ['Subject lines ', 'Posts on '];

/**
 * Turns an agent's figures into configuration changes. Pure: the same figures and configuration
 * always give the same changes, so a run's decision can be read back from its recorded step.
 */
export function tune(figures: AgentFigures, config: TunableConfig, limits: TuningLimits): Tuning {
  const sample = sampleOf(figures);
  if (sample < limits.minSample) {
    return { sample, adjustments: [], skipped: [`sample of ${sample} ${unitOf(figures)} is under minSample ${limits.minSample}: nothing changed`] };
  }
  const skipped: string[] = [];
  const adjustments: Adjustment[] = [];
  const keep = (result: Adjustment | string | null) => {
    if (typeof result === 'string') skipped.push(result);
    else if (result) adjustments.push(result);
  };
  if (figures.channel !== 'social') keep(sendHourRule(figures, config.settings, limits.minSample));
  keep(temperatureRule(figures, config.temperature, limits.maxTemperature));
  keep(hintRule(figures, config.promptHints, limits.minSample));
  return { sample, adjustments, skipped };
}

/** The fewest sends an hour (or a subject group) needs before its rate is compared: a fifth of minSample, at least 10. */
export function groupSample(minSample: number): number {
  return Math.max(10, Math.ceil(minSample / 5));
}

export function sendHourRule(figures: EmailFigures | SmsFigures, settings: Record<string, unknown>, minSample: number): Adjustment | string {
  const eligible = figures.byHour.filter((h) => h.sent >= groupSample(minSample));
  if (eligible.length === 0) return `no send hour has ${groupSample(minSample)} sends yet: send hour unchanged`;
  const best = eligible.reduce((a, b) => (b.rate > a.rate ? b : a));
  const current = typeof settings.sendHour === 'number' ? settings.sendHour : null;
  if (best.hour === current) return `the current send hour ${hourLabel(best.hour)} is the best one: unchanged`;
  const currentFigures = eligible.find((h) => h.hour === current);
  const baseline = currentFigures ? currentFigures.rate : overallRate(figures);
  const against = currentFigures ? `${percent(baseline)} at ${hourLabel(currentFigures.hour)}` : `${percent(baseline)} overall`;
  if (!beats(best.rate, baseline)) return `the best hour ${hourLabel(best.hour)} (${percent(best.rate)}) does not beat ${against} by enough: send hour unchanged`;
  return {
    field: 'settings',
    before: settings,
    after: { ...settings, sendHour: best.hour },
    reason: `sends at ${hourLabel(best.hour)} (recipient's local time) had a ${RATE_BANDS[figures.channel].measure} of ${percent(best.rate)} over ${best.sent} sends, against ${against}`,
  };
}

export function temperatureRule(figures: AgentFigures, temperature: number | null, maxTemperature: number): Adjustment | string {
  const band = RATE_BANDS[figures.channel];
  const measured = figures.channel === 'social' ? figures.engagementRate : overallRate(figures);
  if (measured === null) return 'no impressions were measured: temperature unchanged';
  const current = temperature ?? DEFAULT_TEMPERATURE;
  const upper = Math.min(MAX_TEMPERATURE, maxTemperature);
  let next = current;
  if (measured < band.floor) next = Math.max(MIN_TEMPERATURE, current - TEMPERATURE_STEP);
  else if (measured > band.ceiling) next = Math.min(upper, current + TEMPERATURE_STEP);
  else return `the ${band.measure} of ${percent(measured)} is within ${percent(band.floor)}-${percent(band.ceiling)}: temperature unchanged`;
  next = round(next, 2);
  if (next === current) return `the ${band.measure} of ${percent(measured)} asks for a change, but the temperature is at its bound ${current}`;
  const direction = next < current ? `below the floor of ${percent(band.floor)}: writing more conservatively` : `above ${percent(band.ceiling)}: room to explore`;
  return { field: 'temperature', before: temperature, after: next, reason: `the ${band.measure} of ${percent(measured)} is ${direction}` };
}

export function hintRule(figures: AgentFigures, hints: string[], minSample: number): Adjustment | string | null {
  const hint = figures.channel === 'email' ? subjectHint(figures, minSample) : figures.channel === 'social' ? networkHint(figures) : null;
  if (hint === null) return null;
  if (typeof hint === 'string') return hint;
  if (hints.includes(hint.text)) return `the hint "${hint.text}" is already given: unchanged`;
  const others = hints.filter((h) => !HINT_FAMILIES.some((family) => h.startsWith(family)));
  return { field: 'promptHints', before: hints, after: [...others, hint.text], reason: hint.reason };
}

function subjectHint(figures: EmailFigures, minSample: number): { text: string; reason: string } | string {
  const { short, long } = figures.subjects;
  const needed = groupSample(minSample);
  if (short.sent < needed || long.sent < needed) return `subject lengths: each group needs ${needed} sends (under ${SHORT_SUBJECT_LENGTH}: ${short.sent}, longer: ${long.sent}): no hint`;
  const [winner, loser, words] = short.rate >= long.rate ? [short, long, `under ${SHORT_SUBJECT_LENGTH} characters`] : [long, short, `of ${SHORT_SUBJECT_LENGTH} characters or more`];
  if (!beats(winner.rate, loser.rate)) return `subject lengths opened alike (${percent(short.rate)} vs ${percent(long.rate)}): no hint`;
  const text = `Subject lines ${words} got ${ratio(winner.rate, loser.rate)} the opens`;
  return { text, reason: `${percent(winner.rate)} of ${winner.sent} sends opened against ${percent(loser.rate)} of ${loser.sent}` };
}

function networkHint(figures: SocialFigures): { text: string; reason: string } | string {
  const measured = figures.byNetwork.filter((n) => n.posts >= MIN_NETWORK_POSTS);
  if (measured.length < 2) return `networks: fewer than two have ${MIN_NETWORK_POSTS} posts: no hint`;
  const best = measured.reduce((a, b) => (b.engagementPerPost > a.engagementPerPost ? b : a));
  const rest = measured.filter((n) => n !== best);
  const restPosts = rest.reduce((sum, n) => sum + n.posts, 0);
  const restPerPost = rest.reduce((sum, n) => sum + n.engagement, 0) / restPosts;
  if (!beats(best.engagementPerPost, restPerPost, 0)) return `no network stands out (best ${best.network}: ${round(best.engagementPerPost, 1)} per post): no hint`;
  const text = `Posts on ${networkLabel(best.network)} got ${ratio(best.engagementPerPost, restPerPost)} the engagement per post of the other networks`;
  return { text, reason: `${round(best.engagementPerPost, 1)} engagements per post over ${best.posts} posts against ${round(restPerPost, 1)} over ${restPosts}` };
}

function sampleOf(figures: AgentFigures): number {
  return figures.channel === 'social' ? figures.posts : figures.sent;
}

function unitOf(figures: AgentFigures): string {
  return figures.channel === 'social' ? 'posts' : 'sends';
}

function overallRate(figures: EmailFigures | SmsFigures): number {
  return figures.channel === 'email' ? figures.openRate : figures.replyRate;
}

function beats(candidate: number, baseline: number, minGain = MIN_RATE_GAIN): boolean {
  return candidate >= baseline * WIN_FACTOR && candidate - baseline >= minGain && candidate > 0;
}

function ratio(winner: number, loser: number): string {
  return loser > 0 ? `${round(winner / loser, 1)}x` : 'all';
}

function percent(value: number): string {
  return `${round(value * 100, 1)}%`;
}

function hourLabel(hour: number): string {
  return `${String(hour).padStart(2, '0')}:00`;
}

function networkLabel(network: string): string {
  const names: Record<string, string> = { X: 'X', LINKEDIN: 'LinkedIn', FACEBOOK: 'Facebook', INSTAGRAM: 'Instagram', TIKTOK: 'TikTok', YOUTUBE: 'YouTube' };
  return names[network] ?? network;
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
