import { ApiPropertyOptional } from '@nestjs/swagger';
import { QueueCountDto } from './queue-count.dto.js';

/** GET /admin/queues: a key for each queue the caller's roles may act on, absent for the others. */
export class AdminQueuesDto {
  @ApiPropertyOptional({ type: QueueCountDto, description: 'Enterprises pending verification (county reviewer of the region, program officer); since submittedAt' })
  verification?: QueueCountDto;

  @ApiPropertyOptional({
    type: QueueCountDto,
    description: 'Providers waiting for an admission decision: applied or under review, or in notice once the notice has ended or with an open objection (program officer); since submittedAt',
  })
  admission?: QueueCountDto;

  @ApiPropertyOptional({ type: QueueCountDto, description: 'Offerings pending review or with a pending revision (program officer); since queuedSince' })
  offerings?: QueueCountDto;

  @ApiPropertyOptional({ type: QueueCountDto, description: 'Pending applications of reviewed-mode programs (county reviewer of the region, program officer); since createdAt' })
  applications?: QueueCountDto;

  @ApiPropertyOptional({
    type: QueueCountDto,
    description: "Claims in review at a level the caller decides: county level in a county reviewer's region, city level for a city reviewer; since levelSince",
  })
  claims?: QueueCountDto;
}
