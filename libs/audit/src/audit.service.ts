import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AuditInput } from './audit-entry.input.js';

/**
 * Appends to the audit log inside the caller's transaction (same EntityManager), so the entry
 * commits or rolls back with the change it records.
 */
@Injectable()
export class AuditService {
  async record(_manager: EntityManager, _input: AuditInput): Promise<void> {
    throw new Error('AuditService.record: not implemented yet');
  }
}
