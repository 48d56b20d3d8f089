import { Controller, Get, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { InjectConfig, type AppConfig } from '@innoserve/core';
import { outboxStats } from '@innoserve/database';
import { Public } from '@innoserve/identity';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Readiness: database answers and migrations are applied; reports search, worker lag and dead letters' })
  async ready(@Res({ passthrough: true }) reply: FastifyReply) {
    const checks: Record<string, unknown> = {};
    const warnings: string[] = [];
    let ok = true;
    try {
      await this.dataSource.query('SELECT 1');
      checks.database = 'up';
      const pending = await this.dataSource.showMigrations();
      checks.migrations = pending ? 'pending' : 'applied';
      if (pending) ok = false;
      const outbox = await outboxStats(this.dataSource);
      checks.outbox = outbox;
      if (outbox.dead > 0) warnings.push(`${outbox.dead} outbox message(s) in the dead-letter state`);
      if (outbox.oldestPendingSeconds > 60) warnings.push(`worker lag: oldest pending outbox message is ${outbox.oldestPendingSeconds}s old`);
    } catch (e) {
      ok = false;
      checks.database = 'down';
      warnings.push(e instanceof Error ? e.message : String(e));
    }
    checks.search = { engine: this.config.MEILI_HOST ? 'meilisearch' : 'postgres' };
    checks.payments = { gateway: this.config.STRIPE_SECRET_KEY ? 'stripe' : 'offline' };
    void reply.status(ok ? 200 : 503);
    return { status: ok ? 'ok' : 'unavailable', checks, warnings };
  }

  @Get('live')
  @Public()
  @ApiOperation({ summary: 'Liveness only' })
  live() {
    return { status: 'ok' };
  }
}
