/** The three intake stages, one BullMQ queue each: a URL is fetched, bytes become text, text becomes embedded chunks. */
export const INTAKE_QUEUES = {
  fetch: 'intake.fetch',
  normalize: 'intake.normalize',
  embed: 'intake.embed',
} as const;

export type IntakeStage = keyof typeof INTAKE_QUEUES;

/** A stage job's payload: ids only; the document row holds everything else. */
export interface IntakeJob {
  documentId: string;
  organizationId: string;
  /** The document version the stage works on (embed: the version its chunks will carry). */
  version: number;
  requestId?: string;
}

/**
 * Deterministic per (document, version, stage): a second add of the same work while the first
 * is waiting or running collapses into it. (BullMQ refuses ':' in custom ids.)
 */
export function intakeJobId(stage: IntakeStage, documentId: string, version: number): string {
  return `${stage}-${documentId}-${version}`;
}

export type DocumentStatus = 'PENDING' | 'FETCHING' | 'NORMALIZING' | 'EMBEDDING' | 'READY' | 'FAILED';
export type DocumentSource = 'URL' | 'TEXT' | 'FILE';

/** What a document in `status` waits for next: the stage that moves it on, or nothing once it rests. */
export function pendingStageOf(document: { status: DocumentStatus; source: DocumentSource }): IntakeStage | undefined {
  switch (document.status) {
    case 'PENDING':
      return document.source === 'URL' ? 'fetch' : 'normalize';
    case 'FETCHING':
      return 'fetch';
    case 'NORMALIZING':
      return 'normalize';
    case 'EMBEDDING':
      return 'embed';
    default:
      return undefined;
  }
}
