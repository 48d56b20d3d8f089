import { Controller, Get, Optional, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { InjectConfig, type AppConfig } from '@innoserve/core';
import { outboxStats } from '@innoserve/database';
import { Public } from '@innoserve/identity';
import { PaymentGateways } from '@innoserve/payments';
import { SearchEngine } from '@innoserve/search';
import { LivenessDto, ReadinessDto } from './health.dto.js';

/** How long /health waits for the search engine before reporting it as not answering. */
const SEARCH_PROBE_MS = 2_000;

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectConfig() private readonly config: AppConfig,
    private readonly gateways: PaymentGateways,
    @Optional() private readonly search?: SearchEngine,
  ) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Readiness: database answers and migrations are applied; reports search, worker lag and dead letters' })
  @ApiOkResponse({ type: ReadinessDto })
  @ApiResponse({ status: 503, type: ReadinessDto, description: 'Not ready: the database does not answer or migrations are pending' })
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<ReadinessDto> {
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
      for (const d of outbox.deadTopics.filter((t) => t.topic.startsWith('job:'))) {
        warnings.push(`scheduled job ${d.topic.slice(4)}: ${d.count} instance(s) dead after retries (last error: ${d.lastError ?? 'unknown'})`);
      }
      // lag is judged per lane: a program opening may keep the bulk lane busy for minutes, legitimately
      if (outbox.lanes.user.oldestPendingSeconds > 60) warnings.push(`worker lag: oldest pending outbox message is ${outbox.lanes.user.oldestPendingSeconds}s old`);
      if (outbox.lanes.bulk.oldestPendingSeconds > 900) warnings.push(`worker lag (bulk lane): oldest pending message is ${outbox.lanes.bulk.oldestPendingSeconds}s old`);
    } catch (e) {
      ok = false;
      checks.database = 'down';
      warnings.push(e instanceof Error ? e.message : String(e));
    }
    checks.search = await this.probeSearch(warnings);
    // the gateways this process built from its configuration (offline always; Stripe with STRIPE_SECRET_KEY)
    checks.payments = { methods: this.gateways.methods, webhook: this.config.STRIPE_WEBHOOK_SECRET ? 'verified' : null };
    // how the worker sends notification e-mail: SMTP (SMTP_URL) or .eml files under DATA_DIR/mail
    checks.mail = { transport: this.config.SMTP_URL ? 'smtp' : 'file' };
    void reply.status(ok ? 200 : 503);
    return { status: ok ? 'ok' : 'unavailable', checks, warnings };
  }

  /** The engine's name and whether it answers; a failure is a warning, never a readiness failure. */
  private async probeSearch(warnings: string[]): Promise<{ engine: string; answering: boolean; documents?: number }> {
    const engine = this.search?.name ?? (this.config.MEILI_HOST ? 'meilisearch' : 'postgres');
    if (!this.search) {
      warnings.push('search: no engine configured in this process');
      return { engine, answering: false };
    }
    let timer: NodeJS.Timeout | undefined;
    try {
      const documents = await Promise.race([
        this.search.count(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer within ${SEARCH_PROBE_MS} ms`)), SEARCH_PROBE_MS);
        }),
      ]);
      return { engine, answering: true, documents };
    } catch (e) {
      warnings.push(`search engine ${engine} does not answer: ${e instanceof Error ? e.message : String(e)}`);
      return { engine, answering: false };
    } finally {
      clearTimeout(timer);
    }
  }

  @Get('live')
  @Public()
  @ApiOperation({ summary: 'Liveness only' })
  @ApiOkResponse({ type: LivenessDto })
  live(): LivenessDto {
    return { status: 'ok' };
  }
}
