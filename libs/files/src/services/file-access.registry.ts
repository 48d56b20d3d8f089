import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Principal } from '@innoserve/identity';

/** Whether `principal` may read the file: another lib's view of where the file is attached. */
export type FileAccessRule = (manager: EntityManager, principal: Principal, fileId: string) => Promise<boolean>;

/**
 * Who may read a file besides its uploader: each lib that attaches files registers a rule (orders:
 * the order's parties and the staff covering it). Nobody else sees the file (404).
 */
@Injectable()
export class FileAccessRegistry {
  private readonly rules: FileAccessRule[] = [];

  register(rule: FileAccessRule): void {
    this.rules.push(rule);
  }

  async allows(manager: EntityManager, principal: Principal, fileId: string): Promise<boolean> {
    for (const rule of this.rules) if (await rule(manager, principal, fileId)) return true;
    return false;
  }
}
