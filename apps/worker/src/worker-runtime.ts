import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { InjectConfig, type AppConfig } from '@innoserve/core';
import { JobScheduler, OutboxDispatcher, SCHEDULED_JOB, OUTBOX_HANDLER, type ScheduledJob, type OutboxHandlerProvider } from '@innoserve/database';

/**
 * Runs the outbox dispatcher (loops per lane) and the PostgreSQL-backed job scheduler for the
 * outbox handlers and scheduled jobs the hosted modules provide (providers exposing
 * [OUTBOX_HANDLER] or [SCHEDULED_JOB]). Any number of replicas may run: each outbox message and
 * each job instance is handled by one of them.
 */
@Injectable()
export class WorkerRuntime implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Worker');
  private dispatcher?: { stop: () => Promise<void> };
  private scheduler?: { stop: () => Promise<void> };

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly discovery: DiscoveryService,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const d = new OutboxDispatcher(this.dataSource, { leaseMs: this.config.OUTBOX_LEASE_SECONDS * 1000, log: (l) => this.logger.warn(l) });
    const jobs = new JobScheduler(this.dataSource);
    for (const w of this.discovery.getProviders()) {
      const inst = w.instance as Record<symbol, unknown> | undefined;
      if (!inst || typeof inst !== 'object') continue;
      const handler = inst[OUTBOX_HANDLER] as OutboxHandlerProvider['handlers'] | undefined;
      if (handler) for (const [topic, fn] of Object.entries(handler)) d.register(topic, fn);
      const job = inst[SCHEDULED_JOB] as ScheduledJob | readonly ScheduledJob[] | undefined;
      for (const j of job === undefined ? [] : Array.isArray(job) ? job : [job]) jobs.add(j as ScheduledJob, d);
    }
    this.dispatcher = d.start();
    this.scheduler = jobs.start(1000, (l) => this.logger.error(l));
    this.logger.log(`worker running: outbox topics [${d.topics().join(', ')}], jobs [${jobs.names().join(', ')}]`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.scheduler?.stop();
    await this.dispatcher?.stop();
  }
}
