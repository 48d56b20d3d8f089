import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { InjectConfig, type AppConfig } from '@innoserve/core';
import { OutboxDispatcher, SCHEDULED_JOB, OUTBOX_HANDLER, type ScheduledJob, type OutboxHandlerProvider } from '@innoserve/database';

/**
 * Runs the outbox dispatcher and the scheduled jobs that the hosted modules provide
 * (providers marked with @OutboxHandlerFor or implementing ScheduledJob).
 */
@Injectable()
export class WorkerRuntime implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Worker');
  private dispatcher?: { stop: () => Promise<void> };
  private timers: NodeJS.Timeout[] = [];
  private running = new Set<Promise<unknown>>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly discovery: DiscoveryService,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const d = new OutboxDispatcher(this.dataSource, { leaseMs: this.config.OUTBOX_LEASE_SECONDS * 1000, log: (l) => this.logger.warn(l) });
    for (const w of this.discovery.getProviders()) {
      const inst = w.instance as Record<symbol, unknown> | undefined;
      if (!inst || typeof inst !== 'object') continue;
      const handler = inst[OUTBOX_HANDLER] as OutboxHandlerProvider['handlers'] | undefined;
      if (handler) for (const [topic, fn] of Object.entries(handler)) d.register(topic, fn);
      const job = inst[SCHEDULED_JOB] as ScheduledJob | undefined;
      if (job) this.schedule(job);
    }
    this.dispatcher = d.start();
    this.logger.log(`worker running: outbox topics [${d.topics().join(', ')}]`);
  }

  private schedule(job: ScheduledJob): void {
    const tick = (): void => {
      const p = job.run().catch((e: unknown) => this.logger.error(`${job.name} failed: ${e instanceof Error ? e.stack : String(e)}`));
      this.running.add(p);
      void p.finally(() => this.running.delete(p));
    };
    this.timers.push(setInterval(tick, job.intervalMs));
    setTimeout(tick, 1000).unref();
  }

  async onApplicationShutdown(): Promise<void> {
    this.timers.forEach(clearInterval);
    await this.dispatcher?.stop();
    await Promise.allSettled([...this.running]);
  }
}
