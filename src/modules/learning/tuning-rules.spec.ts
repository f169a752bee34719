import type { EmailFigures, HourFigures, SmsFigures, SocialFigures } from './outcomes.types';
import { tune, type TunableConfig } from './tuning-rules';

const hour = (h: number, sent: number, hits: number): HourFigures => ({ hour: h, sent, hits, rate: hits / sent });

function email(byHour: HourFigures[], subjects?: EmailFigures['subjects']): EmailFigures {
  const sent = byHour.reduce((t, h) => t + h.sent, 0);
  const opened = byHour.reduce((t, h) => t + h.hits, 0);
  const none = { sent: 0, hits: 0, rate: 0 };
  return { channel: 'email', sent, opened, clicked: 0, openRate: opened / sent, clickRate: 0, byHour, subjects: subjects ?? { short: none, long: none } };
}

function social(byNetwork: Array<[string, number, number, number]>): SocialFigures {
  const nets = byNetwork.map(([network, posts, impressions, engagement]) => ({ network, posts, impressions, engagement, engagementPerPost: engagement / posts }));
  const posts = nets.reduce((t, n) => t + n.posts, 0);
  const impressions = nets.reduce((t, n) => t + n.impressions, 0);
  const engagement = nets.reduce((t, n) => t + n.engagement, 0);
  return { channel: 'social', posts, impressions, engagement, engagementRate: impressions ? engagement / impressions : null, engagementPerPost: engagement / posts, byNetwork: nets };
}

const config = (overrides: Partial<TunableConfig> = {}): TunableConfig => ({ temperature: null, promptHints: [], settings: {}, ...overrides });
const limits = { minSample: 50, maxTemperature: 2 };

describe(tune.name, () => {
  it('should change nothing and say why when the sample is under minSample', () => {
    const sut = tune(email([hour(9, 20, 15), hour(14, 20, 1)]), config(), limits);
    expect(sut).toEqual({ sample: 40, adjustments: [], skipped: ['sample of 40 sends is under minSample 50: nothing changed'] });
  });

  it('should move the send hour to the best hour when it beats the current one by the margin, keeping the other settings', () => {
    const sut = tune(email([hour(9, 40, 8), hour(14, 40, 20)]), config({ settings: { sendHour: 9, fromName: 'Ana' } }), limits);
    expect(sut.adjustments).toContainEqual({ field: 'settings', before: { sendHour: 9, fromName: 'Ana' }, after: { sendHour: 14, fromName: 'Ana' }, reason: expect.stringMatching(/14:00.*50%.*against 20% at 09:00/) });
  });

  it('should keep the send hour when the best one does not beat the baseline by enough', () => {
    const sut = tune(email([hour(9, 40, 12), hour(14, 40, 13)]), config({ settings: { sendHour: 9 } }), limits);
    expect(sut.adjustments.find((a) => a.field === 'settings')).toBeUndefined();
    expect(sut.skipped).toContainEqual(expect.stringMatching(/does not beat 30% at 09:00 by enough/));
  });

  it('should ignore hours with fewer sends than a fifth of minSample', () => {
    const sut = tune(email([hour(3, 5, 5), hour(9, 60, 12)]), config(), limits);
    expect(sut.adjustments.find((a) => a.field === 'settings')).toBeUndefined();
  });

  it('should compare with the overall rate when no send hour is set', () => {
    const sut = tune(email([hour(9, 40, 4), hour(14, 40, 20)]), config(), limits);
    expect(sut.adjustments).toContainEqual(expect.objectContaining({ field: 'settings', before: {}, after: { sendHour: 14 } }));
  });

  it('should lower the temperature by 0.1 from the default when the open rate is under the floor, and raise it above the ceiling', () => {
    const low = tune(email([hour(9, 100, 5)]), config(), limits);
    expect(low.adjustments).toContainEqual(expect.objectContaining({ field: 'temperature', before: null, after: 0.6 }));
    const high = tune(email([hour(9, 100, 60)]), config({ temperature: 0.5 }), limits);
    expect(high.adjustments).toContainEqual(expect.objectContaining({ field: 'temperature', before: 0.5, after: 0.6 }));
  });

  it('should keep the temperature within its bounds and the deployment maximum', () => {
    expect(tune(email([hour(9, 100, 5)]), config({ temperature: 0.1 }), limits).skipped).toContainEqual(expect.stringMatching(/at its bound 0.1/));
    expect(tune(email([hour(9, 100, 60)]), config({ temperature: 0.95 }), limits).adjustments).toContainEqual(expect.objectContaining({ field: 'temperature', after: 1 }));
    expect(tune(email([hour(9, 100, 60)]), config({ temperature: 0.7 }), { ...limits, maxTemperature: 0.7 }).adjustments.find((a) => a.field === 'temperature')).toBeUndefined();
  });

  it('should leave the temperature alone within the band', () => {
    const sut = tune(email([hour(9, 100, 25)]), config({ temperature: 0.4 }), limits);
    expect(sut.skipped).toContainEqual(expect.stringMatching(/open rate of 25% is within 15%-35%/));
  });

  it('should name the subject length that got more opens, replacing an older hint of its family and keeping the others', () => {
    const subjects = { short: { sent: 50, hits: 24, rate: 0.48 }, long: { sent: 50, hits: 15, rate: 0.3 } };
    const sut = tune(email([hour(9, 100, 39)], subjects), config({ promptHints: ['Be warm', 'Subject lines of 45 characters or more got 1.3x the opens'] }), limits);
    expect(sut.adjustments).toContainEqual(expect.objectContaining({ field: 'promptHints', after: ['Be warm', 'Subject lines under 45 characters got 1.6x the opens'] }));
  });

  it('should not repeat a hint already given', () => {
    const subjects = { short: { sent: 50, hits: 24, rate: 0.48 }, long: { sent: 50, hits: 15, rate: 0.3 } };
    const sut = tune(email([hour(9, 100, 39)], subjects), config({ promptHints: ['Subject lines under 45 characters got 1.6x the opens'] }), limits);
    expect(sut.adjustments.find((a) => a.field === 'promptHints')).toBeUndefined();
  });

  it('should tune SMS on its reply rate', () => {
    const sms: SmsFigures = { channel: 'sms', sent: 80, replied: 13, optedOut: 1, replyRate: 13 / 80, optOutRate: 1 / 80, byHour: [hour(10, 40, 2), hour(18, 40, 11)] };
    const sut = tune(sms, config(), limits);
    expect(sut.adjustments.map((a) => [a.field, a.after])).toEqual([
      ['settings', { sendHour: 18 }],
      ['temperature', 0.8],
    ]);
  });

  it('should name the network with the most engagement per post, and lower the temperature on a weak engagement rate', () => {
    const sut = tune(social([['LINKEDIN', 30, 30000, 210], ['X', 30, 30000, 60]]), config({ temperature: 0.5 }), limits);
    expect(sut.adjustments).toEqual([
      expect.objectContaining({ field: 'temperature', after: 0.4 }),
      expect.objectContaining({ field: 'promptHints', after: ['Posts on LinkedIn got 3.5x the engagement per post of the other networks'] }),
    ]);
  });

  it('should give no network hint with fewer than two networks measured, and no temperature change without impressions', () => {
    const sut = tune(social([['LINKEDIN', 60, 0, 100], ['X', 2, 0, 1]]), config(), limits);
    expect(sut.adjustments).toEqual([]);
    expect(sut.skipped).toEqual(['no impressions were measured: temperature unchanged', expect.stringMatching(/fewer than two have 5 posts/)]);
  });
});
