// Modules the worker hosts: each contributes outbox handlers and scheduled jobs.
import type { DynamicModule, Type } from '@nestjs/common';

export function workerModules(): (Type | DynamicModule)[] {
  return [];
}
