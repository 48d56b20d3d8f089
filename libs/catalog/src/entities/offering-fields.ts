/**
 * The editable fields of an offering, shared by the live offering and its pending revision (a
 * revision is a full proposed copy, so publishing it is a plain copy of these columns).
 */
import { Column } from 'typeorm';
import { bigintTransformer } from '@innoserve/database';
import type { QualificationKind } from '@innoserve/organizations';
import type { PricingKind } from '../domain/pricing.js';

export const TITLE_MAX = 120;
export const DESCRIPTION_MAX = 5000;
export const DELIVERABLES_MAX = 2000;
export const UNIT_NAME_MAX = 20;

export abstract class OfferingFields {
  @Column({ type: 'uuid' })
  categoryId!: string;

  @Column({ type: 'varchar', length: TITLE_MAX })
  title!: string;

  @Column({ type: 'varchar', length: DESCRIPTION_MAX })
  description!: string;

  @Column({ type: 'varchar', length: DELIVERABLES_MAX })
  deliverables!: string;

  @Column({ type: 'varchar', length: 10 })
  pricingKind!: PricingKind;

  @Column({ type: 'bigint', nullable: true, transformer: bigintTransformer })
  priceFen!: bigint | null;

  @Column({ type: 'varchar', length: UNIT_NAME_MAX, nullable: true })
  unitName!: string | null;

  @Column({ type: 'bigint', nullable: true, transformer: bigintTransformer })
  minFen!: bigint | null;

  @Column({ type: 'bigint', nullable: true, transformer: bigintTransformer })
  maxFen!: bigint | null;

  @Column({ type: 'int' })
  leadTimeDays!: number;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  regionCodes!: string[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  tags!: string[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  qualificationKinds!: QualificationKind[];
}

/** The editable field names, for copying a revision onto its offering. */
export const OFFERING_FIELD_NAMES = [
  'categoryId',
  'title',
  'description',
  'deliverables',
  'pricingKind',
  'priceFen',
  'unitName',
  'minFen',
  'maxFen',
  'leadTimeDays',
  'regionCodes',
  'tags',
  'qualificationKinds',
] as const satisfies readonly (keyof OfferingFields)[];

const list = (xs: readonly string[]): string => xs.map((x) => `'${x}'`).join(',');

/** CHECK constraint bodies shared by both tables (names get a table prefix). */
export function fieldChecks(qualificationKinds: readonly string[]): Record<string, string> {
  return {
    pricing_kind: `pricing_kind IN ('fixed','per_unit','quote')`,
    pricing: `(pricing_kind = 'fixed' AND price_fen IS NOT NULL AND unit_name IS NULL AND min_fen IS NULL AND max_fen IS NULL)
      OR (pricing_kind = 'per_unit' AND price_fen IS NOT NULL AND unit_name IS NOT NULL AND min_fen IS NULL AND max_fen IS NULL)
      OR (pricing_kind = 'quote' AND price_fen IS NULL AND unit_name IS NULL AND min_fen IS NOT NULL AND max_fen IS NOT NULL AND min_fen <= max_fen)`,
    amounts: `coalesce(price_fen, 0) >= 0 AND coalesce(min_fen, 0) >= 0 AND coalesce(max_fen, 0) >= 0`,
    lead_time: `lead_time_days BETWEEN 0 AND 3650`,
    qualification_kinds: `qualification_kinds <@ ARRAY[${list(qualificationKinds)}]::text[]`,
  };
}
