import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { isUuid } from '@innoserve/core';
import { ReferenceService } from '@innoserve/reference';
import { ProgramCoverage } from './program-coverage.js';
import type { SubsidyRule } from './program-types.js';

/**
 * Read-only answers about which categories voucher programs cover, for search documents (the
 * `program` facet) and for re-indexing when a program opens or closes. Plain SQL on
 * voucher_program, so it works in any process whether or not the program entities are loaded.
 */
@Injectable()
export class ProgramCoverageService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly reference: ReferenceService,
  ) {}

  /** The rules of every open program, loaded in one query: ask it for as many offerings as needed. */
  async openCoverage(manager: EntityManager = this.dataSource.manager): Promise<ProgramCoverage> {
    const rows = await manager.query<{ id: string; subsidy_rules: SubsidyRule[] | null }[]>(
      `SELECT id, subsidy_rules FROM voucher_program WHERE status = 'open' ORDER BY id`,
    );
    return new ProgramCoverage(rows.map((r) => ({ programId: r.id, rules: Array.isArray(r.subsidy_rules) ? r.subsidy_rules : [] })));
  }

  /**
   * Every category whose offerings' eligibility the program can decide, whatever its status: the
   * categories of its rules and all their sub-categories (sorted, without duplicates). Empty for
   * an unknown program.
   */
  async coveredCategoryIds(programId: string, manager: EntityManager = this.dataSource.manager): Promise<string[]> {
    if (!isUuid(programId)) return [];
    const [row] = await manager.query<{ subsidy_rules: SubsidyRule[] | null }[]>(`SELECT subsidy_rules FROM voucher_program WHERE id = $1`, [programId]);
    if (!row || !Array.isArray(row.subsidy_rules)) return [];
    const out = new Set<string>();
    for (const rule of row.subsidy_rules) {
      for (const id of await this.reference.descendantIds(rule.categoryId)) out.add(id);
    }
    return [...out].sort();
  }
}
