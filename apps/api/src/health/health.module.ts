import { Module } from '@nestjs/common';
import { PaymentsModule } from '@innoserve/payments';
import { HealthController } from './health.controller.js';

@Module({ imports: [PaymentsModule], controllers: [HealthController] })
export class HealthModule {}
