import { ApiProperty } from '@nestjs/swagger';

/** One staff queue in the console menu: how many items wait and since when the longest has waited. */
export class QueueCountDto {
  @ApiProperty({ type: 'integer', minimum: 0 }) count!: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When the longest-waiting item entered the queue; null when it is empty' })
  oldestSince!: string | null;
}
