import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';

/**
 * A node of the service-category tree. The id is a UUID v5 of the code (categoryIdOf), so every
 * installation has the same ids; `path` holds the codes from the root down ('testing/testing.textile'),
 * so a category filter covers its sub-categories with `path = $1 OR path LIKE $1 || '/%'`.
 */
@Entity('service_category')
@Check('service_category_code_check', `"code" ~ '^[a-z0-9-]+(\\.[a-z0-9-]+)*$'`)
@Check('service_category_parent_check', `"parent_id" IS NULL OR "parent_id" <> "id"`)
export class ServiceCategory {
  @PrimaryColumn('uuid')
  id!: string;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 64 })
  code!: string;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  parentId!: string | null;

  @ManyToOne(() => ServiceCategory, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_id' })
  parent?: Relation<ServiceCategory> | null;

  @Column({ type: 'varchar', length: 100 })
  nameZh!: string;

  @Column({ type: 'varchar', length: 200 })
  nameEn!: string;

  @Column({ type: 'integer', default: 0 })
  sortOrder!: number;

  @Column({ type: 'varchar', length: 500 })
  path!: string;
}
