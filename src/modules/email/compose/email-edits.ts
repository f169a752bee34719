import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsNotEmpty, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { validatePlain } from '../../../common/validation/validate-plain';
import { MAX_BODY, MAX_SUBJECT } from './email-draft.dto';
import { cleanBody, cleanSubject, type ComposedStep } from './email-plan';
import { MAX_STEPS } from './email-compose.input';

export class EmailStepEdit {
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_SUBJECT)
  subject?: string;

  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_BODY)
  body?: string;
}

/** What a reviewer may change: the first email's subject (and B subject) and body, or any step's. */
export class EmailEdits extends EmailStepEdit {
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_SUBJECT)
  subjectB?: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_STEPS)
  @ValidateNested({ each: true })
  @Type(() => EmailStepEdit)
  steps?: EmailStepEdit[];
}

const EDITABLE = ['subject', 'subjectB', 'body', 'steps'] as const;

/**
 * The steps as the reviewer left them: `steps[i]` edits step i + 1, and `subject`, `subjectB` and
 * `body` edit the first step (they win over steps[0]). Other keys of the edits (a reviewer sending
 * the whole payload back) are ignored; an edit of the wrong shape fails the run, so nothing is sent
 * that the reviewer did not mean.
 */
export async function applyEdits(steps: ComposedStep[], rawEdits: Record<string, unknown> | undefined): Promise<{ steps: ComposedStep[]; edited: boolean }> {
  if (!rawEdits) return { steps, edited: false };
  const picked = Object.fromEntries(EDITABLE.filter((key) => rawEdits[key] !== undefined).map((key) => [key, rawEdits[key]]));
  if (Object.keys(picked).length === 0) return { steps, edited: false };
  const edits = await validatePlain(EmailEdits, picked, 'edits', "reviewer's edits");
  const edited = steps.map((step, index) => {
    const own = edits.steps?.[index] ?? {};
    const first = index === 0 ? edits : {};
    const subject = first.subject ?? own.subject;
    const body = first.body ?? own.body;
    const subjectB = index === 0 ? edits.subjectB : undefined;
    return {
      ...step,
      ...(subject !== undefined ? { subject: cleanSubject(subject) } : {}),
      ...(body !== undefined ? { body: cleanBody(body) } : {}),
      ...(subjectB !== undefined && step.subjectB !== undefined ? { subjectB: cleanSubject(subjectB) } : {}),
    };
  });
  return { steps: edited, edited: true };
}
