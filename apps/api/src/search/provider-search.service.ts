import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ProviderProfile } from '@innoserve/organizations';
import type { ProviderSearchPage } from './search-views.js';

export interface ProviderSearchInput {
  q?: string;
  providerType?: string;
  region?: string;
  page: number;
  pageSize: number;
}

/** `%`, `_` and the escape character itself match literally in a LIKE pattern. */
function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Public provider directory: admitted (not suspended, not expired) providers only; parameters bound, never spliced. */
@Injectable()
export class ProviderSearchService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async search(input: ProviderSearchInput): Promise<ProviderSearchPage> {
    const qb = this.dataSource.manager
      .createQueryBuilder(ProviderProfile, 'p')
      .innerJoinAndSelect('p.organization', 'o')
      .where(`p.admissionStatus = 'admitted'`);
    const q = input.q?.trim();
    if (q) qb.andWhere(`o.name ILIKE :name ESCAPE '\\'`, { name: `%${likeLiteral(q)}%` });
    if (input.providerType) qb.andWhere(':type = ANY(p.providerTypes)', { type: input.providerType });
    if (input.region) {
      // A city code (xxxx00) covers its counties and zones; a county code matches itself.
      if (input.region.endsWith('00')) qb.andWhere('o.regionCode LIKE :prefix', { prefix: `${input.region.slice(0, 4)}%` });
      else qb.andWhere('o.regionCode = :region', { region: input.region });
    }
    const [rows, total] = await qb
      .orderBy('o.name', 'ASC')
      .addOrderBy('p.organizationId', 'ASC')
      .skip((input.page - 1) * input.pageSize)
      .take(input.pageSize)
      .getManyAndCount();
    return {
      items: rows.map((p) => ({
        id: p.organizationId,
        name: p.organization!.name,
        regionCode: p.organization!.regionCode,
        providerTypes: p.providerTypes,
        categoryIds: p.admittedCategoryIds,
      })),
      total,
      page: input.page,
      pageSize: input.pageSize,
    };
  }
}
