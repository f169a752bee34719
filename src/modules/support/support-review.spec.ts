import type { ApprovalDecision } from '../agents/run-waits';
import { reviewedAnswer, reviewRequest } from './support-review';

const decided = (over: Partial<ApprovalDecision>): ApprovalDecision => ({ approved: true, decision: 'approved', reviewer: 'user-1', decidedAt: '2026-12-01T10:00:00.000Z', ...over });
const CONFIDENCE = { confidence: 0.2, strength: 0.5, coverage: 0.08, missingTerms: ['warranty', 'drones'] };
const INPUT = { channel: 'slack' as const, threadId: 'C02MARKETNG:1712345678.000100', from: 'U061F7AUR', text: 'What warranty covers drones?' };
const PASSAGE = { chunkId: 'c', documentId: 'd', datasetId: 's', documentTitle: 'Brewing guide', sourceUrl: null, position: 0, text: 'x'.repeat(300), score: 0.016 };

describe(reviewedAnswer.name, () => {
  it("should send the reviewer's edited answer, else the draft", () => {
    expect(reviewedAnswer(decided({ edits: { answer: '  Two years.  ' } }), 'draft')).toEqual({ answer: 'Two years.', edited: true });
    expect(reviewedAnswer(decided({}), 'draft')).toEqual({ answer: 'draft', edited: false });
    expect(reviewedAnswer(decided({ edits: { answer: '   ' } }), 'draft')).toEqual({ answer: 'draft', edited: false });
    expect(reviewedAnswer(decided({ edits: { answer: 42 } }), null)).toEqual({ answer: null, edited: false });
  });

  it.each(['rejected', 'expired'] as const)('should send nothing when %s', (decision) => {
    expect(reviewedAnswer(decided({ approved: false, decision, edits: { answer: 'x' } }), 'draft')).toEqual({ answer: null, edited: false });
  });
});

describe(reviewRequest.name, () => {
  it('should show the question, the draft, the passages and why it asks', () => {
    const sut = reviewRequest(INPUT, 'Offline draft', CONFIDENCE, 0.5, 'low-confidence', [PASSAGE], 3_600_000);

    expect(sut).toMatchObject({
      title: 'Reply on slack to U061F7AUR',
      summary: 'A customer asked: "What warranty covers drones?"; the knowledge base may not answer it (confidence 0.2 below 0.5; nothing on warranty, drones)',
      payload: { answer: 'Offline draft', question: INPUT.text, channel: 'slack', threadId: INPUT.threadId, confidence: CONFIDENCE, passages: [{ marker: 1, documentTitle: 'Brewing guide', excerpt: `${'x'.repeat(240)}…` }] },
      expiresInMs: 3_600_000,
    });
  });
});
