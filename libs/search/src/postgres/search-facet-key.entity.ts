import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Facet keys (c:<category id>, r:<region code> …) and their stable 4-byte codes. Append-only. */
@Entity('search_facet_key')
export class SearchFacetKey {
  @PrimaryGeneratedColumn('increment', { type: 'integer', primaryKeyConstraintName: 'search_facet_key_pkey' })
  code!: number;

  @Index('search_facet_key_key_idx', { unique: true })
  @Column({ type: 'text' })
  key!: string;
}
