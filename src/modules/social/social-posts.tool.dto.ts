import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';

export class ReadPostInput {
  @IsUUID()
  socialPostId!: string;
}

export const MAX_SYNC_DAYS = 90;
export const MAX_SYNC_POSTS = 200;

export class PublishedPostsInput {
  @IsInt()
  @Min(1)
  @Max(MAX_SYNC_DAYS)
  days!: number;

  @IsInt()
  @Min(1)
  @Max(MAX_SYNC_POSTS)
  limit!: number;
}

export class CheckReferencesInput {
  @IsOptional()
  @IsUUID()
  campaignId?: string;

  @IsOptional()
  @IsUUID()
  contentId?: string;
}
