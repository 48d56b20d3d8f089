import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { seedReferenceData } from './reference-data.js';
import { ReferenceService } from './reference.service.js';

/**
 * Writes the reference data at every start (idempotent upsert), so all installations agree.
 * It runs in onModuleInit, which Nest finishes for every module before any onApplicationBootstrap
 * hook: bootstrap work of other libs (the first administrator's region codes, demo data) can rely
 * on the regions and categories being there. onApplicationBootstrap only checks that it ran.
 */
@Injectable()
export class ReferenceSeeder implements OnModuleInit, OnApplicationBootstrap {
  private seeded = false;

  private readonly logger = new Logger('ReferenceSeeder');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reference: ReferenceService,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.seed();
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.seeded) await this.seed();
  }

  async seed(): Promise<{ regions: number; categories: number }> {
    const counts = await this.dataSource.transaction((manager) => seedReferenceData(manager));
    this.reference.invalidate();
    this.seeded = true;
    this.logger.debug(`reference data: ${counts.regions} regions, ${counts.categories} service categories`);
    return counts;
  }
}
