import { ApiProperty } from '@nestjs/swagger';
import type { ErasureSummary } from '../erasure/erase-user-data';

export class DetachedReferencesResponse {
  @ApiProperty({ description: 'Runs the person started, now without a user' }) runs!: number;
  @ApiProperty({ description: 'Approval decisions, now without a reviewer' }) approvals!: number;
  @ApiProperty({ description: 'Content versions the person edited, now without an author' }) contentVersions!: number;
  @ApiProperty({ description: 'Agent configuration changes, now without an author' }) configChanges!: number;
  @ApiProperty({ description: 'Campaigns, now without a creator' }) campaigns!: number;
  @ApiProperty({ description: 'Agent configurations, now without a last editor' }) agentConfigs!: number;
  @ApiProperty({ description: 'Exports, now without a requester' }) exports!: number;
  @ApiProperty({ description: 'Invitations the person sent, now without a sender' }) invitationsSent!: number;
}

export class ErasureResponse {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty({ example: 'member', description: 'The role the person held in the organization' }) role!: string;
  @ApiProperty({ enum: [true] }) membershipRemoved!: true;
  @ApiProperty({ description: "The person's API keys in this organization, deleted" }) apiKeysDeleted!: number;
  @ApiProperty({ description: 'Invitations to this organization addressed to the person, deleted' }) invitationsDeleted!: number;
  @ApiProperty({ description: "The person's schedules in this organization, now run as the caller" }) schedulesReassigned!: number;
  @ApiProperty({ type: DetachedReferencesResponse }) detached!: DetachedReferencesResponse;
  @ApiProperty({ description: 'True when the person belonged to no other organization: their name and email are replaced by placeholders' })
  userAnonymised!: boolean;
}

export function toErasureResponse(summary: ErasureSummary): ErasureResponse {
  return {
    userId: summary.userId,
    role: summary.role,
    membershipRemoved: summary.membershipRemoved,
    apiKeysDeleted: summary.apiKeysDeleted,
    invitationsDeleted: summary.invitationsDeleted,
    schedulesReassigned: summary.schedulesReassigned,
    detached: { ...summary.detached },
    userAnonymised: summary.userAnonymised,
  };
}
