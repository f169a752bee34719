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
  @ApiProperty({ example: 'admin' }) name!: string;
  @ApiProperty({ type: [String], example: ['*'] }) permissions!: string[];
}

export class MeResponse {
  @ApiProperty({ type: MeUser }) user!: MeUser;
  @ApiProperty({ type: MeOrganization }) organization!: MeOrganization;
  @ApiProperty({ type: MeRole }) role!: MeRole;
  @ApiProperty({ format: 'uuid', description: 'The API key this request authenticated with' }) apiKeyId!: string;
}
