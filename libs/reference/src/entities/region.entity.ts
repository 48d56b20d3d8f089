import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import type { RegionLevel } from '../data/regions.js';

/** An administrative division (GB/T 2260) or a functional zone acting as a county. Seeded at start. */
@Entity('region')
@Check('region_level_check', `"level" IN ('city', 'county')`)
@Check('region_code_check', `"code" ~ '^[0-9]{6}$'`)
@Check('region_parent_check', `("level" = 'city') OR ("parent_code" IS NOT NULL)`)
export class Region {
  @PrimaryColumn({ type: 'varchar', length: 6 })
  code!: string;

  @Column({ type: 'varchar', length: 100 })
  nameZh!: string;

  @Column({ type: 'varchar', length: 200 })
  nameEn!: string;

  @Column({ type: 'varchar', length: 10 })
  level!: RegionLevel;

  @Index()
  @Column({ type: 'varchar', length: 6, nullable: true })
  parentCode!: string | null;

  @ManyToOne(() => Region, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_code', referencedColumnName: 'code' })
  parent?: Relation<Region> | null;

  /** Not GB/T 2260 (e.g. 泉州开发区 350571): an internal code that acts as a county. */
  @Column({ type: 'boolean', default: false })
  isFunctionalZone!: boolean;
}
