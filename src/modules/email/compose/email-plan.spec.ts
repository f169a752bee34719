import { cleanBody, cleanSubject, type ComposedStep, sendTimes, unsubscribeFooter, unsubscribeUrlOf, variantOf, withFooter } from './email-plan';

const step = (n: number, delayDays: number): ComposedStep => ({ step: n, subject: `Subject ${n}`, body: `Body ${n}`, delayDays });

describe(cleanSubject.name, () => {
  it('should make one line of the text, its runs of spaces one space', () => {
    expect(cleanSubject('  Spring is\nhere:\t20%  off ')).toBe('Spring is here: 20% off');
  });

  it('should cut a long subject at a word boundary within 120 characters', () => {
    const sut = cleanSubject(`${'word '.repeat(40)}end`);

    expect(sut.length).toBeLessThanOrEqual(120);
    expect(sut.endsWith('word')).toBe(true);
  });
});

describe(cleanBody.name, () => {
  it('should keep paragraphs and drop trailing spaces and runs of blank lines', () => {
    expect(cleanBody('Hi Ana,  \n\n\n\nThe beans are back.\t\n\nBest')).toBe('Hi Ana,\n\nThe beans are back.\n\nBest');
  });
});

describe(sendTimes.name, () => {
  it('should send the first step at once and each later one its delay after the previous, from the base time', () => {
    const base = new Date('2026-03-02T09:30:00.000Z');

    const sut = sendTimes(base, [step(1, 0), step(2, 3), step(3, 2)]);

    expect(sut.map((t) => t?.toISOString())).toEqual([undefined, '2026-03-05T09:30:00.000Z', '2026-03-07T09:30:00.000Z']);
  });
});

describe(variantOf.name, () => {
  it('should alternate A and B, A first', () => {
    expect([0, 1, 2, 3, 4].map(variantOf)).toEqual(['A', 'B', 'A', 'B', 'A']);
  });
});

describe(unsubscribeFooter.name, () => {
  it('should offer a reply when no link is configured', () => {
    expect(unsubscribeFooter('ana@example.com')).toBe(`--\nYou are receiving this email as ana@example.com. Don't want these emails? To unsubscribe, reply with "unsubscribe" and we will stop.`);
  });

  it("should put the recipient's address, encoded, into the configured link", () => {
    expect(unsubscribeFooter('ana+news@example.com', 'https://example.com/unsubscribe?email={email}')).toContain('unsubscribe here: https://example.com/unsubscribe?email=ana%2Bnews%40example.com.');
  });

  it('should append the footer after a blank line', () => {
    expect(withFooter('Hello', 'bo@example.com')).toMatch(/^Hello\n\n--\nYou are receiving this email as bo@example\.com\./);
  });
});

describe(unsubscribeUrlOf.name, () => {
  it('should take an http(s) link and ignore anything else', () => {
    expect(unsubscribeUrlOf({ unsubscribeUrl: 'https://example.com/u?e={email}' })).toBe('https://example.com/u?e={email}');
    expect(unsubscribeUrlOf({ unsubscribeUrl: 'javascript:alert(1)' })).toBeUndefined();
    expect(unsubscribeUrlOf({ unsubscribeUrl: 42 })).toBeUndefined();
    expect(unsubscribeUrlOf({})).toBeUndefined();
  });
});
