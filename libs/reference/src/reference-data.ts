/**
 * The reference rows as they are stored, and the idempotent upsert that writes them. Used by the
 * ReferenceSeeder at application start; a CLI seed can call seedReferenceData too.
 */
import type { EntityManager } from 'typeorm';
import { categoryIdOf } from './category-id.js';
import { REGIONS, type RegionSeed } from './data/regions.js';
import { SERVICE_CATEGORY_TREE, type CategorySeed } from './data/service-categories.js';

export interface CategoryRow {
  id: string;
  code: string;
  parentId: string | null;
  nameZh: string;
  nameEn: string;
  sortOrder: number;
  path: string;
}

/** The category tree flattened, parents before their children; siblings sorted 10, 20, 30 … */
export function categoryRows(tree: readonly CategorySeed[] = SERVICE_CATEGORY_TREE): CategoryRow[] {
  const rows: CategoryRow[] = [];
  const walk = (nodes: readonly CategorySeed[], parent: CategoryRow | null): void => {
    nodes.forEach((n, i) => {
      if (parent && !n.code.startsWith(`${parent.code}.`)) throw new Error(`category ${n.code} must start with ${parent.code}.`);
      const row: CategoryRow = {
        id: categoryIdOf(n.code),
        code: n.code,
        parentId: parent?.id ?? null,
        nameZh: n.nameZh,
        nameEn: n.nameEn,
        sortOrder: (i + 1) * 10,
        path: parent ? `${parent.path}/${n.code}` : n.code,
      };
      rows.push(row);
      walk(n.children ?? [], row);
    });
  };
  walk(tree, null);
  return rows;
}

/** Regions, cities before counties (parents first). */
export function regionRows(regions: readonly RegionSeed[] = REGIONS): RegionSeed[] {
  return [...regions].sort((a, b) => (a.level === b.level ? a.code.localeCompare(b.code) : a.level === 'city' ? -1 : 1));
}

function placeholders(rowCount: number, width: number): string {
  return Array.from({ length: rowCount }, (_, r) => `(${Array.from({ length: width }, (_, c) => `$${r * width + c + 1}`).join(', ')})`).join(', ');
}

/**
 * Upserts every region and category (INSERT … ON CONFLICT (code) DO UPDATE), in one statement
 * each, parents first. Running it again changes nothing (unchanged rows are not even rewritten);
 * renamed entries get their new names.
 */
export async function seedReferenceData(manager: EntityManager): Promise<{ regions: number; categories: number }> {
  const regions = regionRows();
  await manager.query(
    `INSERT INTO region (code, name_zh, name_en, level, parent_code, is_functional_zone)
     VALUES ${placeholders(regions.length, 6)}
     ON CONFLICT (code) DO UPDATE SET name_zh = EXCLUDED.name_zh, name_en = EXCLUDED.name_en, level = EXCLUDED.level,
       parent_code = EXCLUDED.parent_code, is_functional_zone = EXCLUDED.is_functional_zone
     WHERE (region.name_zh, region.name_en, region.level, region.parent_code, region.is_functional_zone)
       IS DISTINCT FROM (EXCLUDED.name_zh, EXCLUDED.name_en, EXCLUDED.level, EXCLUDED.parent_code, EXCLUDED.is_functional_zone)`,
    regions.flatMap((r) => [r.code, r.nameZh, r.nameEn, r.level, r.parentCode, r.isFunctionalZone]),
  );
  const categories = categoryRows();
  await manager.query(
    `INSERT INTO service_category (id, code, parent_id, name_zh, name_en, sort_order, path)
     VALUES ${placeholders(categories.length, 7)}
     ON CONFLICT (code) DO UPDATE SET parent_id = EXCLUDED.parent_id, name_zh = EXCLUDED.name_zh, name_en = EXCLUDED.name_en,
       sort_order = EXCLUDED.sort_order, path = EXCLUDED.path
     WHERE (service_category.parent_id, service_category.name_zh, service_category.name_en, service_category.sort_order, service_category.path)
       IS DISTINCT FROM (EXCLUDED.parent_id, EXCLUDED.name_zh, EXCLUDED.name_en, EXCLUDED.sort_order, EXCLUDED.path)`,
    categories.flatMap((c) => [c.id, c.code, c.parentId, c.nameZh, c.nameEn, c.sortOrder, c.path]),
  );
  return { regions: regions.length, categories: categories.length };
}
