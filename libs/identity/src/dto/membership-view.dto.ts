import { ApiProperty } from '@nestjs/swagger';

export class MembershipViewDto {
  @ApiProperty({ format: 'uuid' }) organizationId!: string;
  @ApiProperty() organizationName!: string;
  @ApiProperty({ enum: ['owner', 'member'] }) role!: 'owner' | 'member';
  @ApiProperty({ enum: ['enterprise', 'provider'], isArray: true }) profiles!: ('enterprise' | 'provider')[];
}
