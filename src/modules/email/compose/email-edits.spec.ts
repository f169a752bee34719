import { ValidationFailedError } from '../../../common/errors/domain-errors';
import { applyEdits } from './email-edits';
import type { ComposedStep } from './email-plan';

const drafts = (): ComposedStep[] => [
  { step: 1, subject: 'Draft one', subjectB: 'Draft one B', body: 'Body one', delayDays: 0 },
  { step: 2, subject: 'Draft two', body: 'Body two', delayDays: 3 },
];

describe(applyEdits.name, () => {
  it('should leave the drafts as they are without edits', async () => {
    expect(await applyEdits(drafts(), undefined)).toEqual({ steps: drafts(), edited: false });
    expect(await applyEdits(drafts(), { comment: 'fine' })).toEqual({ steps: drafts(), edited: false });
  });

  it('should apply subject, subjectB and body to the first step, cleaned, and steps[i] to step i + 1', async () => {
    const sut = await applyEdits(drafts(), { subject: ' New\nsubject ', subjectB: 'New B', body: 'New body  \n', steps: [{ subject: 'ignored for step 1' }, { body: 'Second body' }] });

    expect(sut.edited).toBe(true);
    expect(sut.steps).toEqual([
      { step: 1, subject: 'New subject', subjectB: 'New B', body: 'New body', delayDays: 0 },
      { step: 2, subject: 'Draft two', body: 'Second body', delayDays: 3 },
    ]);
  });

  it('should ignore the payload keys a reviewer sends back unchanged', async () => {
    const sut = await applyEdits(drafts(), { connector: 'smtp', recipients: ['a@example.com'], subject: 'Only this' });

    expect(sut.steps[0].subject).toBe('Only this');
  });

  it('should not give a B subject to a step without an A/B test', async () => {
    const [, second] = drafts();

    const sut = await applyEdits([{ ...second, step: 1 }], { subjectB: 'B' });

    expect(sut.steps[0].subjectB).toBeUndefined();
  });

  it.each([
    ['a subject that is not a string', { subject: 42 }, 'edits.subject'],
    ['an empty body', { body: '' }, 'edits.body'],
    ['a step edit that is not an object', { steps: ['x'] }, 'edits.steps'],
  ])('should refuse %s', async (_, edits, field) => {
    const sut = applyEdits(drafts(), edits);

    await expect(sut).rejects.toBeInstanceOf(ValidationFailedError);
    await expect(sut).rejects.toMatchObject({ fields: expect.arrayContaining([expect.stringContaining(field)]) });
  });
});
