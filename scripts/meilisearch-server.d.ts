// Types of scripts/meilisearch-server.js for the TypeScript tests that use it.
export interface MeilisearchServer {
  host: string;
  masterKey: string;
  pid: number;
  stop(): Promise<void>;
}
export function meilisearchBinaryPath(): string;
export function meilisearchBinaryVersion(binary?: string): string | null;
export function startMeilisearch(opts?: { binary?: string; indexingThreads?: number; startTimeoutMs?: number; log?: string }): Promise<MeilisearchServer>;
