import { MAX_SUBJECT } from './email-draft.dto';

/** One email of a sequence as it is approved and sent (the footer is added per recipient). */
export interface ComposedStep {
  step: number;
  subject: string;
  /** The first step of an A/B test: the subject half of the recipients get. */
  subjectB?: string;
  body: string;
  /** Days after the previous step (0 for the first). */
  delayDays: number;
}

const DAY_MS = 86_400_000;

/** A subject is one header line: line breaks and runs of spaces are one space, cut at a word boundary. */
export function cleanSubject(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  if (line.length <= MAX_SUBJECT) return line;
  const cut = line.slice(0, MAX_SUBJECT);
  const space = cut.lastIndexOf(' ');
  return (space > MAX_SUBJECT / 2 ? cut.slice(0, space) : cut).trimEnd();
}

/** Paragraphs kept, trailing spaces and runs of blank lines dropped. */
export function cleanBody(text: string): string {
  return text.replace(/[ \t]+$/gm, '').replace(/\n{3,}/g, '\n\n').trim();
}

/**
 * When each step goes out: the first at once, each later one `delayDays` after the previous,
 * counted from `base`, a recorded time (the approval's decision), so a resumed run schedules
 * the same times.
 */
export function sendTimes(base: Date, steps: ComposedStep[]): Array<Date | undefined> {
  let offsetDays = 0;
  return steps.map((step, index) => {
    offsetDays += step.delayDays;
    return index === 0 ? undefined : new Date(base.getTime() + offsetDays * DAY_MS);
  });
}

/** Alternating halves of the (sorted, deduplicated) recipient list: A gets the even places. */
export function variantOf(recipientIndex: number): 'A' | 'B' {
  return recipientIndex % 2 === 0 ? 'A' : 'B';
}

/**
 * Every marketing email says how to stop them (CAN-SPAM §7704(a)(3), GDPR art. 21): a link when
 * the organization configured one (`{email}` in it becomes the recipient's address), else a reply.
 * The connectors' send actions take no headers, so there is no List-Unsubscribe header: the
 * footer is the way out.
 */
export function unsubscribeFooter(recipient: string, unsubscribeUrl?: string): string {
  const way = unsubscribeUrl ? `unsubscribe here: ${unsubscribeUrl.replaceAll('{email}', encodeURIComponent(recipient))}` : 'reply with "unsubscribe" and we will stop';
  return `--\nYou are receiving this email as ${recipient}. Don't want these emails? To unsubscribe, ${way}.`;
}

export function withFooter(body: string, recipient: string, unsubscribeUrl?: string): string {
  return `${body}\n\n${unsubscribeFooter(recipient, unsubscribeUrl)}`;
}

/** A configured unsubscribe link, only if it is an http(s) URL. */
export function unsubscribeUrlOf(settings: Record<string, unknown>): string | undefined {
  const url = settings.unsubscribeUrl;
  return typeof url === 'string' && /^https?:\/\/\S+$/.test(url) ? url : undefined;
}
