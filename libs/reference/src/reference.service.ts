import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { isUuid } from '@innoserve/core';
import { Region } from './entities/region.entity.js';
import { ServiceCategory } from './entities/service-category.entity.js';
import type { RegionView } from './dto/region-view.dto.js';
import type { CategoryNodeView } from './dto/category-node-view.dto.js';

/** A category without its children. */
export type CategoryView = Omit<CategoryNodeView, 'children'>;

interface Snapshot {
  regions: RegionView[];
  regionByCode: Map<string, RegionView>;
  categories: CategoryView[];
  categoryById: Map<string, CategoryView>;
  childrenOf: Map<string | null, CategoryView[]>;
}

const byOrder = (a: CategoryView, b: CategoryView): number => a.sortOrder - b.sortOrder || a.code.localeCompare(b.code);

/**
 * Reads regions and service categories. Reference data changes only when the application starts
 * (ReferenceSeeder), so it is read once and kept in memory; the seeder refreshes it.
 */
@Injectable()
export class ReferenceService {
  private loading?: Promise<Snapshot>;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Drops the in-memory copy; the next call reads the tables again. */
  invalidate(): void {
    this.loading = undefined;
  }

  private snapshot(): Promise<Snapshot> {
    this.loading ??= this.load().catch((e: unknown) => {
      this.loading = undefined;
      throw e;
    });
    return this.loading;
  }

  private async load(): Promise<Snapshot> {
    const [regionRows, categoryRows] = await Promise.all([
      this.dataSource.getRepository(Region).find({ order: { code: 'ASC' } }),
      this.dataSource.getRepository(ServiceCategory).find({ order: { path: 'ASC' } }),
    ]);
    const regions = regionRows.map(
      (r): RegionView => ({ code: r.code, nameZh: r.nameZh, nameEn: r.nameEn, level: r.level, parentCode: r.parentCode, isFunctionalZone: r.isFunctionalZone }),
    );
    const categories = categoryRows.map(
      (c): CategoryView => ({ id: c.id, code: c.code, parentId: c.parentId, nameZh: c.nameZh, nameEn: c.nameEn, sortOrder: c.sortOrder, path: c.path }),
    );
    const childrenOf = new Map<string | null, CategoryView[]>();
    for (const c of categories) {
      const list = childrenOf.get(c.parentId) ?? [];
      list.push(c);
      childrenOf.set(c.parentId, list);
    }
    for (const list of childrenOf.values()) list.sort(byOrder);
    return {
      regions,
      regionByCode: new Map(regions.map((r) => [r.code, r])),
      categories,
      categoryById: new Map(categories.map((c) => [c.id, c])),
      childrenOf,
    };
  }

  // ---- regions ----

  async listRegions(): Promise<RegionView[]> {
    return (await this.snapshot()).regions.map((r) => ({ ...r }));
  }

  async regionExists(code: string): Promise<boolean> {
    return (await this.snapshot()).regionByCode.has(code);
  }

  /** The region, or null when the code is unknown. */
  async getRegion(code: string): Promise<RegionView | null> {
    const r = (await this.snapshot()).regionByCode.get(code);
    return r ? { ...r } : null;
  }

  /** A county, district, county-level city or functional zone (not the city itself). */
  async isCountyLevel(code: string): Promise<boolean> {
    return (await this.snapshot()).regionByCode.get(code)?.level === 'county';
  }

  /** The city a region belongs to: itself for a city, its parent for a county; null when unknown. */
  async cityOf(code: string): Promise<string | null> {
    const r = (await this.snapshot()).regionByCode.get(code);
    if (!r) return null;
    return r.level === 'city' ? r.code : r.parentCode;
  }

  /** The codes among `codes` that are not known regions (identity's RegionCodeDirectory contract). */
  async unknownCodes(codes: readonly string[]): Promise<string[]> {
    const { regionByCode } = await this.snapshot();
    return codes.filter((c) => !regionByCode.has(c));
  }

  // ---- service categories ----

  /** The whole tree: roots in sort order, each with its children. */
  async listCategories(): Promise<CategoryNodeView[]> {
    const { childrenOf } = await this.snapshot();
    const build = (parentId: string | null): CategoryNodeView[] =>
      (childrenOf.get(parentId) ?? []).map((c) => ({ ...c, children: build(c.id) }));
    return build(null);
  }

  async categoryExists(id: string): Promise<boolean> {
    return isUuid(id) && (await this.snapshot()).categoryById.has(id.toLowerCase());
  }

  /** The category, or null when the id is unknown. */
  async getCategory(id: string): Promise<CategoryView | null> {
    if (!isUuid(id)) return null;
    const c = (await this.snapshot()).categoryById.get(id.toLowerCase());
    return c ? { ...c } : null;
  }

  async getCategoryByCode(code: string): Promise<CategoryView | null> {
    const c = (await this.snapshot()).categories.find((x) => x.code === code);
    return c ? { ...c } : null;
  }

  /**
   * The category and every category under it (for filters that cover sub-categories); empty when
   * the id is unknown.
   */
  async descendantIds(categoryId: string): Promise<string[]> {
    if (!isUuid(categoryId)) return [];
    const { categoryById, childrenOf } = await this.snapshot();
    const root = categoryById.get(categoryId.toLowerCase());
    if (!root) return [];
    const out: string[] = [];
    const stack = [root];
    while (stack.length > 0) {
      const c = stack.pop()!;
      out.push(c.id);
      stack.push(...(childrenOf.get(c.id) ?? []));
    }
    return out;
  }

  /**
   * The category and its ancestors, deepest first (the deepest subsidy rule applies); empty when
   * the id is unknown.
   */
  async ancestorIds(categoryId: string): Promise<string[]> {
    if (!isUuid(categoryId)) return [];
    const { categoryById } = await this.snapshot();
    const out: string[] = [];
    let c = categoryById.get(categoryId.toLowerCase());
    while (c && out.length < 64) {
      out.push(c.id);
      c = c.parentId === null ? undefined : categoryById.get(c.parentId);
    }
    return out;
  }
}
