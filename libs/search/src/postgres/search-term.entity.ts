import { Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The vocabulary of non-Chinese words in indexed documents, for typo tolerance: a query word the
 * vocabulary lacks is matched against its nearest terms (pg_trgm GiST, SEARCH_SQL) and corrected
 * within the edit budget (patnet → patent). Rebuilt by a full reindex.
 */
@Entity('search_term')
@Index('search_term_trgm_idx', { synchronize: false })
export class SearchTerm {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'search_term_pkey' })
  term!: string;
}
