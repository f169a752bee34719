import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQuery } from '../../../common/validation/page.query';
import { BUILT_IN_ROLES, type BuiltInRole } from '../../auth/permissions/permissions';
import { INVITATION_CONNECTORS, type InvitationConnector } from '../invitation-mailer';
import type { InvitationRecord } from '../invitations.repository';
import type { MemberRecord } from '../members.repository';

const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class ListMembersQuery extends PageQuery {
  @ApiPropertyOptional({ enum: BUILT_IN_ROLES, description: 'Only members with this role' })
  @IsOptional()
  @IsIn(BUILT_IN_ROLES)
  role?: BuiltInRole;
}

export class InviteMemberDto {
  @ApiProperty({ example: 'junior@agency.example', maxLength: 254 })
  @Transform(trimmed)
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiProperty({ enum: BUILT_IN_ROLES, example: 'member', description: 'Only an owner may invite an owner' })
  @IsIn(BUILT_IN_ROLES)
  role!: BuiltInRole;

  @ApiPropertyOptional({ enum: INVITATION_CONNECTORS, description: "The email connector to send through; by default the first connected of gmail, outlook, smtp (424 when none is)" })
  @IsOptional()
  @IsIn(INVITATION_CONNECTORS)
  via?: InvitationConnector;
}

export class UpdateMemberDto {
  @ApiProperty({ enum: BUILT_IN_ROLES, example: 'viewer', description: 'Only an owner may make, change or remove an owner; the last owner stays' })
  @IsIn(BUILT_IN_ROLES)
  role!: BuiltInRole;
}

export class AcceptInvitationDto {
  @ApiProperty({ description: 'The code from the invitation email', example: 'nhi_Zq3vT0aB...' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  token!: string;

  @ApiProperty({ example: 'Jamie Rivera', maxLength: 200, description: 'Your name (kept when you already have a NeonHub user)' })
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;
}

export class MemberUserView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'junior@agency.example' }) email!: string;
  @ApiProperty() name!: string;
}

export class MemberView {
  @ApiProperty({ format: 'uuid', description: 'The membership id (PATCH/DELETE /v1/members/{id})' }) id!: string;
  @ApiProperty({ type: MemberUserView }) user!: MemberUserView;
  @ApiProperty({ example: 'member' }) role!: string;
  @ApiProperty({ type: String, format: 'date-time' }) joinedAt!: string;
}

export class MemberPageView {
  @ApiProperty({ type: [MemberView] }) items!: MemberView[];
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Pass as cursor for the next page; null on the last page' }) nextCursor!: string | null;
}

export class InvitationView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ enum: BUILT_IN_ROLES }) role!: string;
  @ApiProperty({ enum: ['PENDING', 'ACCEPTED', 'REVOKED', 'EXPIRED'] }) status!: string;
  @ApiProperty({ enum: INVITATION_CONNECTORS, description: 'The email connector the invitation went out through' }) deliveredVia!: string;
  @ApiProperty({ type: String, format: 'date-time' }) expiresAt!: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: string;
}

export class InvitationPageView {
  @ApiProperty({ type: [InvitationView] }) items!: InvitationView[];
  @ApiPropertyOptional({ type: String, nullable: true }) nextCursor!: string | null;
}

export class AcceptedInvitationView {
  @ApiProperty({ type: MemberView }) member!: MemberView;
  @ApiProperty({ format: 'uuid' }) apiKeyId!: string;
  @ApiProperty({ description: 'Your first API key. Shown only in this response; store it now.' }) apiKey!: string;
}

export function toMemberView(member: MemberRecord): MemberView {
  return { id: member.id, user: member.user, role: member.role.name, joinedAt: member.createdAt.toISOString() };
}

export function toInvitationView(invitation: InvitationRecord, now = new Date()): InvitationView {
  const status = invitation.acceptedAt ? 'ACCEPTED' : invitation.revokedAt ? 'REVOKED' : invitation.expiresAt <= now ? 'EXPIRED' : 'PENDING';
  return {
    id: invitation.id,
    email: invitation.email,
    role: invitation.role,
    status,
    deliveredVia: invitation.deliveredVia,
    expiresAt: invitation.expiresAt.toISOString(),
    createdAt: invitation.createdAt.toISOString(),
  };
}
