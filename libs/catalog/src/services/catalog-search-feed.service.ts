import { Injectable } from '@nestjs/common';
import { DataSource, In, MoreThan, MoreThanOrEqual, type EntityManager, type FindOptionsWhere } from 'typeorm';
import { Clock, isUuid, shanghaiDate } from '@innoserve/core';
import { ReferenceService } from '@innoserve/reference';
import { OrganizationsService } from '@innoserve/organizations';
import { searchPrices } from '../domain/pricing.js';
import { isSearchable } from '../domain/searchability.js';
import { Offering } from '../entities/offering.entity.js';

/**
 * An offering as search sees it (structurally the SearchDocument of libs/search). Built only for
 * searchable offerings; `null` means "delete it from the index".
 */
export interface CatalogSearchDocument {
  id: string;
  /** The offering's version (grows with every change of the offering, and of its provider while published). */
  version: number;
  title: string;
  description: string;
  deliverables: string;
  tags: string[];
  providerId: string;
  providerName: string;
  providerTypes: string[];
  categoryId: string;
  /** The category and its ancestors, root first (a category filter covers its sub-categories). */
  categoryPath: string[];
  /** Chinese and English names of the category and its ancestors, root first. */
  categoryNames: string[];
  regionCodes: string[];
  qualificationKinds: string[];
  /** Voucher programs: empty here; libs/search's SearchDocumentBuilder fills them from libs/vouchers. */
  programIds: string[];
  /** The lowest price: the fixed price, the unit price, or a quote's indicative minimum. */
  priceFen: number;
  /** The highest price: a quote's maximum, else priceFen. */
  priceMaxFen: number;
  pricingKind: string;
  unitName: string | null;
  leadTimeDays: number;
  /** The provider's average review rating (1–5); null before its first review. */
  rating: number | null;
  publishedAt: Date;
  updatedAt: Date;
}

export interface OfferingVersion {
  id: string;
  version: number;
}

/**
 * What the search lib reads from the catalog: documents of searchable offerings, ids by provider
 * (to re-index on `organizations.provider-changed`), and id/version pages for reindex and reconcile.
 */
@Injectable()
export class CatalogSearchFeed {
  constructor(
    private readonly dataSource: DataSource,
    private readonly reference: ReferenceService,
    private readonly organizations: OrganizationsService,
    private readonly clock: Clock,
  ) {}

  /** The document of a searchable offering, or null (unknown, unpublished, provider not admitted, qualification lapsed). */
  async searchDocumentFor(offeringId: string, manager?: EntityManager): Promise<CatalogSearchDocument | null> {
    return (await this.searchDocumentsFor([offeringId], manager)).get(offeringId) ?? null;
  }

  /** Documents of the searchable offerings among `offeringIds` (the others are absent from the map). */
  async searchDocumentsFor(offeringIds: readonly string[], manager: EntityManager = this.dataSource.manager): Promise<Map<string, CatalogSearchDocument>> {
    const out = new Map<string, CatalogSearchDocument>();
    const ids = [...new Set(offeringIds)].filter(isUuid);
    if (ids.length === 0) return out;
    const offerings = await manager.find(Offering, { where: { id: In(ids), status: 'published' } });
    if (offerings.length === 0) return out;
    const providers = await this.organizations.findMany(offerings.map((o) => o.providerId), manager);
    const today = shanghaiDate(this.clock.now());
    for (const o of offerings) {
      const provider = providers.get(o.providerId);
      if (!provider?.provider || !isSearchable(o, provider.provider, today)) continue;
      const path = (await this.reference.ancestorIds(o.categoryId)).reverse();
      const names: string[] = [];
      for (const c of path) {
        const cat = await this.reference.getCategory(c);
        if (cat) names.push(cat.nameZh, cat.nameEn);
      }
      out.set(o.id, {
        id: o.id,
        version: Number(o.version),
        title: o.title,
        description: o.description,
        deliverables: o.deliverables,
        tags: [...o.tags],
        providerId: o.providerId,
        providerName: provider.name,
        providerTypes: [...provider.provider.providerTypes],
        categoryId: o.categoryId,
        categoryPath: path,
        categoryNames: names,
        regionCodes: [...o.regionCodes],
        qualificationKinds: [...o.qualificationKinds],
        programIds: [],
        ...searchPrices(o),
        pricingKind: o.pricingKind,
        unitName: o.unitName,
        leadTimeDays: o.leadTimeDays,
        rating: provider.provider.rating.average,
        publishedAt: o.publishedAt ?? o.updatedAt,
        updatedAt: o.updatedAt,
      });
    }
    return out;
  }

  /** Every offering id of the provider (any status), oldest first. */
  async offeringIdsOfProvider(providerId: string, manager: EntityManager = this.dataSource.manager): Promise<string[]> {
    if (!isUuid(providerId)) return [];
    const rows = await manager.find(Offering, { where: { providerId }, select: { id: true }, order: { createdAt: 'ASC', id: 'ASC' } });
    return rows.map((r) => r.id);
  }

  /**
   * Moves the next `limit` published offerings (in id order after `afterId`) whose category is
   * one of `categoryIds` to their next version and returns them, in `manager`'s transaction: a
   * fact outside the catalog that shapes their search documents changed (a voucher program
   * opened or closed), so the index must take the re-read documents and reconcile and a reindex's
   * catch-up see them move. The caller announces the returned ids in the same transaction.
   */
  async bumpPublishedInCategories(manager: EntityManager, opts: { categoryIds: readonly string[]; afterId?: string | null; limit: number }): Promise<OfferingVersion[]> {
    const categoryIds = opts.categoryIds.filter(isUuid);
    if (categoryIds.length === 0) return [];
    const limit = Math.max(1, Math.min(Math.trunc(opts.limit), 10_000));
    const after = opts.afterId && isUuid(opts.afterId) ? opts.afterId : null;
    const rows = await manager.query<{ id: string; version: string }[] | [{ id: string; version: string }[], number]>(
      `UPDATE offering o SET version = o.version + 1, updated_at = now()
         FROM (SELECT id FROM offering
                WHERE status = 'published' AND category_id = ANY($1::uuid[]) AND ($2::uuid IS NULL OR id > $2::uuid)
                ORDER BY id LIMIT ${limit} FOR UPDATE) pick
        WHERE o.id = pick.id
        RETURNING o.id, o.version`,
      [categoryIds, after],
    );
    // node-postgres answers an UPDATE ... RETURNING as [rows, count]
    const list = (Array.isArray(rows[0]) ? rows[0] : rows) as { id: string; version: string }[];
    return list.map((r) => ({ id: r.id, version: Number(r.version) })).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  /**
   * A page of (id, version) in id order after `afterId`: published offerings only unless
   * `allStatuses`; `updatedSince` limits it to rows changed since then (a reindex's catch-up pass).
   */
  async offeringVersions(opts: { afterId?: string | null; limit: number; updatedSince?: Date; allStatuses?: boolean }, manager: EntityManager = this.dataSource.manager): Promise<OfferingVersion[]> {
    const where: FindOptionsWhere<Offering> = {};
    if (opts.afterId) where.id = MoreThan(opts.afterId);
    if (!opts.allStatuses) where.status = 'published';
    if (opts.updatedSince) where.updatedAt = MoreThanOrEqual(opts.updatedSince);
    const rows = await manager.find(Offering, { where, select: { id: true, version: true }, order: { id: 'ASC' }, take: Math.max(1, Math.min(opts.limit, 10_000)) });
    return rows.map((r) => ({ id: r.id, version: Number(r.version) }));
  }
}
