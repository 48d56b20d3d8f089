import type { AppConfig } from '@innoserve/core';

/** The demo seed for the embedded default; idempotent (starting twice seeds once). */
export async function runDemoSeed(_config: AppConfig, log: (line: string) => void): Promise<void> {
  log('demo seed: nothing to seed yet');
}
