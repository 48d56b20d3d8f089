// Generated migrations are listed here in order (npm run migration:generate -- <Name> adds them).
import type { MigrationInterface } from 'typeorm';
import { Initial1795541380562 } from './1795541380562-Initial.js';

export const MIGRATIONS: (new () => MigrationInterface)[] = [
  Initial1795541380562,
];
