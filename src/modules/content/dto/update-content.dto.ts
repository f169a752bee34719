import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, Matches, MaxLength } from 'class-validator';
import { ContentStatus } from '../../../generated/prisma/enums';
import { IsOmittable } from '../../brands/dto/fields';
import { MAX_BODY, MAX_TITLE } from '../drafting/draft-text';
import { CONTENT_STATUSES } from './list-content.query';

/**
 * A person's change: new text (title and/or body; what is not sent is kept from the current
 * version) becomes a new version, and/or a move in the review workflow. Both in one request edit
 * first, then move (an edit and its approval at once).
 */
export class UpdateContentDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: MAX_TITLE })
  @IsOmittable()
  @IsString()
  @Matches(/\S/, { message: 'title must not be blank' })
  @MaxLength(MAX_TITLE)
  title?: string;

  @ApiPropertyOptional({ minLength: 1, maxLength: MAX_BODY })
  @IsOmittable()
  @IsString()
  @Matches(/\S/, { message: 'body must not be blank' })
  @MaxLength(MAX_BODY)
  body?: string;

  @ApiPropertyOptional({
    enum: CONTENT_STATUSES,
    description: 'DRAFT → IN_REVIEW → APPROVED → PUBLISHED; IN_REVIEW → DRAFT sends it back; any but ARCHIVED → ARCHIVED. Anything else is 409',
  })
  @IsOmittable()
  @IsIn(CONTENT_STATUSES)
  status?: ContentStatus;
}
