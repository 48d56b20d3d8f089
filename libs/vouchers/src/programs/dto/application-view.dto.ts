import { ApiProperty } from '@nestjs/swagger';
import { APPLICATION_STATUSES, type ApplicationStatus } from '../application.entity.js';

/** A voucher application as the API answers it (toApplicationView). */
export class ApplicationViewDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) programId!: string;
  @ApiProperty({ format: 'uuid' }) enterpriseId!: string;
  @ApiProperty({ example: '350582' }) regionCode!: string;
  @ApiProperty({ type: 'integer' }) requestedFen!: number;
  @ApiProperty() purpose!: string;
  @ApiProperty({ enum: APPLICATION_STATUSES }) status!: ApplicationStatus;
  @ApiProperty({ type: 'integer', nullable: true }) grantedFen!: number | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) grantId!: string | null;
  @ApiProperty({ type: String, nullable: true }) decisionReason!: string | null;
  @ApiProperty({ format: 'date-time', description: 'When it was made; the review queue counts its age from it' }) createdAt!: string;
  @ApiProperty({ type: 'integer', description: "The version a reviewer's decision sends back as If-Match" }) version!: number;
}

/** An application in a reviewer's queue (GET /admin/applications): with the names the queue shows. */
export class QueuedApplicationViewDto extends ApplicationViewDto {
  @ApiProperty({ description: "The enterprise's registered name" }) enterpriseName!: string;
  @ApiProperty({ description: "The program's name" }) programName!: string;
}
