import { ApiProperty } from '@nestjs/swagger';
import { GRANT_STATUSES, type GrantStatus } from '../grant.entity.js';
import { GrantPartViewDto } from './grant-part-view.dto.js';

/** A voucher grant as the API answers it (toGrantView). */
export class GrantViewDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) programId!: string;
  @ApiProperty({ format: 'uuid' }) applicationId!: string;
  @ApiProperty({ format: 'uuid' }) enterpriseId!: string;
  @ApiProperty({ type: 'integer' }) amountFen!: number;
  @ApiProperty({ type: [GrantPartViewDto] }) parts!: GrantPartViewDto[];
  @ApiProperty({ enum: GRANT_STATUSES }) status!: GrantStatus;
  @ApiProperty({ format: 'date' }) expiresOn!: string;
  @ApiProperty({ format: 'date-time', description: 'The end of the last valid day, Asia/Shanghai' }) expiresAt!: string;
  @ApiProperty({ type: 'integer' }) lapsedFen!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}
