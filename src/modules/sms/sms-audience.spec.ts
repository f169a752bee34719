import { resolveAudience } from './sms-audience';

const LEAD_A = '3f1c2b4a-0d6e-4f7a-9b8c-1d2e3f4a5b6c';
const LEAD_B = '4a2d3c5b-1e7f-4a8b-8c9d-2e3f4a5b6c7d';
const LEAD_GONE = '5b3e4d6c-2f8a-4b9c-9daf-3f4a5b6c7d8e';

describe(resolveAudience.name, () => {
  it('should normalize the numbers and keep their order, numbers before leads', () => {
    const sut = resolveAudience(['+1 (415) 555-0100', '+44 20 7946 0958'], [LEAD_A], [{ id: LEAD_A, phone: '+33612345678', timezone: 'Europe/Paris' }], new Set());

    expect(sut).toEqual({
      recipients: [
        { to: '+14155550100', leadId: null, timezone: null },
        { to: '+442079460958', leadId: null, timezone: null },
        { to: '+33612345678', leadId: LEAD_A, timezone: 'Europe/Paris' },
      ],
      skipped: [],
    });
  });

  it("should give a number that is a lead's the lead's time zone, and text it once", () => {
    const sut = resolveAudience(['+14155550100', '+1 415 555 0100'], [LEAD_A], [{ id: LEAD_A, phone: '+14155550100', timezone: 'America/Los_Angeles' }], new Set());

    expect(sut.recipients).toEqual([{ to: '+14155550100', leadId: LEAD_A, timezone: 'America/Los_Angeles' }]);
    expect(sut.skipped).toEqual([
      { recipient: '+14155550100', reason: 'duplicate' },
      { recipient: '+14155550100', reason: 'duplicate' },
    ]);
  });

  it('should skip suppressed numbers, unknown leads and leads without a phone, with the reason', () => {
    const sut = resolveAudience(['+14155550100', '+14155550101'], [LEAD_B, LEAD_GONE], [{ id: LEAD_B, phone: null, timezone: 'UTC' }], new Set(['+14155550101']));

    expect(sut.recipients.map((r) => r.to)).toEqual(['+14155550100']);
    expect(sut.skipped).toEqual([
      { recipient: '+14155550101', reason: 'suppressed' },
      { recipient: LEAD_B, reason: 'lead_without_phone' },
      { recipient: LEAD_GONE, reason: 'lead_not_found' },
    ]);
  });
});
