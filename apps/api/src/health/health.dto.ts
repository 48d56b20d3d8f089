import { ApiProperty } from '@nestjs/swagger';

/** GET /health: readiness, with what each dependency reported. */
export class ReadinessDto {
  @ApiProperty({ enum: ['ok', 'unavailable'], description: 'ok (200) when the database answers and migrations are applied; unavailable (503) otherwise' }) status!: 'ok' | 'unavailable';
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'database (up | down), migrations (applied | pending), outbox (backlog per lane, dead letters), search (engine, answering, documents), payments (methods, webhook), mail (transport)',
  })
  checks!: Record<string, unknown>;
  @ApiProperty({ type: [String], description: 'What needs attention without failing readiness (dead letters, worker lag, search not answering)' }) warnings!: string[];
}

/** GET /health/live. */
export class LivenessDto {
  @ApiProperty({ enum: ['ok'] }) status!: 'ok';
}
