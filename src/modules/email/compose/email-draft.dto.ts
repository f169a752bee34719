import { IsNotEmpty, IsString, MaxLength, MinLength } from 'class-validator';

/** Inbox clients show 40 to 70 characters of a subject; past 120 it is cut everywhere. */
export const MAX_SUBJECT = 120;
export const MAX_BODY = 5_000;

/** What the model writes for one email of a sequence (the unsubscribe footer is added after). */
export class EmailDraft {
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_SUBJECT)
  subject!: string;

  @IsString()
  @MinLength(40)
  @MaxLength(MAX_BODY)
  body!: string;
}

/** The first email of an A/B test of subjects: a second subject, different in approach. */
export class EmailDraftWithVariant extends EmailDraft {
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_SUBJECT)
  subjectB!: string;
}
