import type { INestApplicationContext } from '@nestjs/common';

/** Demo enterprises and providers (filled in once the organizations lib lands). */
export async function seedOrganizations(_app: INestApplicationContext): Promise<{ created: number }> {
  return { created: 0 };
}

export function demoOrganizationLogins(): { email: string; who: string }[] {
  return [];
}
