// The domain modules the API serves. Each lib contributes one Nest module.
import type { DynamicModule, Type } from '@nestjs/common';

export function apiModules(): (Type | DynamicModule)[] {
  return [];
}
