import { ApiProperty } from '@nestjs/swagger';

export class MeUser {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'admin@demo.neonhub.local' }) email!: string;
  @ApiProperty() name!: string;
}

export class MeOrganization {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'demo' }) slug!: string;
  @ApiProperty() name!: string;
}

export class MeRole {
  @ApiProperty({ example: 'admin', enum: ['owner', 'admin', 'member', 'viewer'], description: 'One of the built-in roles, or an older custom role' }) name!: string;
  @ApiProperty({ type: [String], description: "The role's permissions", example: ['runs:read', 'agents:execute'] }) permissions!: string[];
}

export class MeResponse {
  @ApiProperty({ type: MeUser }) user!: MeUser;
  @ApiProperty({ type: MeOrganization }) organization!: MeOrganization;
  @ApiProperty({ type: MeRole }) role!: MeRole;
  @ApiProperty({ format: 'uuid', description: 'The API key this request authenticated with' }) apiKeyId!: string;
  @ApiProperty({ type: [String], description: "What this API key may do: the role's permissions, or the part of them the key is narrowed to", example: ['runs:read'] })
  permissions!: string[];
}
