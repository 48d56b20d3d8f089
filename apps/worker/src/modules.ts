// Modules the worker hosts: each contributes outbox handlers and scheduled jobs.
import type { DynamicModule, Type } from '@nestjs/common';
import { AuditWorkerModule } from '@innoserve/audit';

export function workerModules(): (Type | DynamicModule)[] {
  return [AuditWorkerModule];
}
