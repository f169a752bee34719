import { ApiProperty } from '@nestjs/swagger';
import type { ContentKind, ContentStatus } from '../../../generated/prisma/enums';
import type { ContentRecord, ContentVersionRecord } from '../persistence/contents.repository';
import { CONTENT_KINDS, CONTENT_STATUSES } from './list-content.query';

export class CitedPassageView {
  @ApiProperty({ description: 'The [n] the text cites it by' }) marker!: number;
  @ApiProperty({ format: 'uuid' }) chunkId!: string;
  @ApiProperty({ format: 'uuid' }) documentId!: string;
  @ApiProperty({ type: String, nullable: true }) documentTitle!: string | null;
  @ApiProperty({ type: String, nullable: true }) sourceUrl!: string | null;
  @ApiProperty({ description: 'The opening of the passage' }) excerpt!: string;
  @ApiProperty({ description: "The search's relevance score when it was found" }) score!: number;
}

export class ContentView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: CONTENT_KINDS }) kind!: ContentKind;
  @ApiProperty({ enum: CONTENT_STATUSES }) status!: ContentStatus;
  @ApiProperty({ description: "The current version's title" }) title!: string;
  @ApiProperty({ description: 'What the content was asked to be' }) brief!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) brandId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) campaignId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The agent run that wrote it' }) runId!: string | null;
  @ApiProperty({ description: 'The version a reviewer reads: the best-scoring draft, or the latest edit' }) currentVersion!: number;
  @ApiProperty({ type: Number, nullable: true, minimum: 0, maximum: 1, description: "The current version's brand voice score; null when it was not scored" }) voiceScore!: number | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class ContentVersionView {
  @ApiProperty() version!: number;
  @ApiProperty() title!: string;
  @ApiProperty({ description: 'Markdown' }) body!: string;
  @ApiProperty({ type: Number, nullable: true, minimum: 0, maximum: 1 }) voiceScore!: number | null;
  @ApiProperty({ type: [CitedPassageView], description: 'The knowledge passages this version cites' }) passages!: CitedPassageView[];
  @ApiProperty({ type: String, nullable: true, example: 'revision 1 for voice: uses banned words: "cheap"' }) note!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The run that wrote it (agent versions)' }) runId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The person who wrote it (edits)' }) userId!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class ContentDetailView extends ContentView {
  @ApiProperty({ description: "The current version's body (Markdown)" }) body!: string;
  @ApiProperty({ type: [ContentVersionView], description: 'Every version, oldest first' }) versions!: ContentVersionView[];
}

export class ContentPage {
  @ApiProperty({ type: [ContentView], description: 'Newest first' }) items!: ContentView[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as cursor for the next page; null on the last page' }) nextCursor!: string | null;
}

export function toContentView(content: ContentRecord): ContentView {
  return {
    id: content.id,
    kind: content.kind,
    status: content.status,
    title: content.title,
    brief: content.brief,
    brandId: content.brandId,
    campaignId: content.campaignId,
    runId: content.runId,
    currentVersion: content.currentVersion,
    voiceScore: content.voiceScore,
    createdAt: content.createdAt.toISOString(),
    updatedAt: content.updatedAt.toISOString(),
  };
}

export function toContentDetailView(content: ContentRecord, versions: readonly ContentVersionRecord[]): ContentDetailView {
  const current = versions.find((v) => v.version === content.currentVersion);
  return { ...toContentView(content), body: current?.body ?? '', versions: versions.map(toVersionView) };
}

function toVersionView(version: ContentVersionRecord): ContentVersionView {
  return {
    version: version.version,
    title: version.title,
    body: version.body,
    voiceScore: version.voiceScore,
    passages: version.passages.map((p) => ({ marker: p.marker, chunkId: p.chunkId, documentId: p.documentId, documentTitle: p.documentTitle, sourceUrl: p.sourceUrl, excerpt: p.excerpt, score: p.score })),
    note: version.note,
    runId: version.runId,
    userId: version.userId,
    createdAt: version.createdAt.toISOString(),
  };
}
