import { type ApprovalPolicy, needsApproval } from './agent-config.types';

const config = (approvalPolicies: Record<string, ApprovalPolicy>) => ({ approvalPolicies });

describe(needsApproval.name, () => {
  it('should ask a person for an action with mode always, whatever the magnitude', () => {
    expect(needsApproval(config({ 'email.send': { mode: 'always' } }), 'email.send')).toBe(true);
    expect(needsApproval(config({ 'email.send': { mode: 'always' } }), 'email.send', 0)).toBe(true);
  });

  it('should not ask for an action with mode never', () => {
    expect(needsApproval(config({ 'email.send': { mode: 'never' } }), 'email.send')).toBe(false);
    expect(needsApproval(config({ 'email.send': { mode: 'never' } }), 'email.send', 1_000_000)).toBe(false);
  });

  it('should ask above the threshold only, comparing the magnitude in absolute value', () => {
    const sut = config({ 'budget.change': { mode: 'above', threshold: 20 } });
    expect(needsApproval(sut, 'budget.change', 20)).toBe(false);
    expect(needsApproval(sut, 'budget.change', 5)).toBe(false);
    expect(needsApproval(sut, 'budget.change', 20.5)).toBe(true);
    expect(needsApproval(sut, 'budget.change', -30)).toBe(true);
    expect(needsApproval(sut, 'budget.change', -10)).toBe(false);
  });

  it('should ask when mode above has no magnitude to compare, or no threshold', () => {
    expect(needsApproval(config({ 'budget.change': { mode: 'above', threshold: 20 } }), 'budget.change')).toBe(true);
    expect(needsApproval(config({ 'budget.change': { mode: 'above' } }), 'budget.change', 1)).toBe(true);
  });

  it('should ask for an action that has no policy (safe by default)', () => {
    expect(needsApproval(config({ 'email.send': { mode: 'never' } }), 'sms.send')).toBe(true);
    expect(needsApproval(config({}), 'email.send', 0)).toBe(true);
  });
});
