import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectConfig, type AppConfig } from '@innoserve/core';
import { StaffService } from './staff.service.js';

/** At start-up, ADMIN_EMAIL and ADMIN_PASSWORD create the city super-admin if there is none. */
@Injectable()
export class FirstAdminBootstrap implements OnApplicationBootstrap {
  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly staff: StaffService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { ADMIN_EMAIL, ADMIN_PASSWORD } = this.config;
    if (ADMIN_EMAIL && ADMIN_PASSWORD) await this.staff.ensureFirstAdmin(ADMIN_EMAIL, ADMIN_PASSWORD);
  }
}
