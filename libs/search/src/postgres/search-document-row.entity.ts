import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

const numeric = { to: (v: number | null | undefined) => v, from: (v: string | null) => (v === null ? null : Number(v)) };

/**
 * PostgresEngine's hot table: one narrow row per indexed offering with only what matching,
 * filtering, faceting and ranking read (display text lives in search_document_display), so a
 * broad query touches as few pages as possible. The tsvector comes last: everything before it is
 * read without stepping over it. Filters are lexemes of the tsvector (see tsv).
 *
 * The GIN, ordering and sampling indexes are created by SEARCH_SQL (TypeORM cannot express GIN
 * with storage parameters or DESC NULLS LAST); they are declared here with synchronize: false so
 * schema sync and the migration drift check leave them alone.
 */
@Entity('search_document')
@Index('search_document_tsv_idx', { synchronize: false })
@Index('search_document_rating_idx', { synchronize: false })
@Index('search_document_price_idx', { synchronize: false })
@Index('search_document_published_idx', { synchronize: false })
@Check('search_document_price_check', '"price_fen" >= 0 AND "price_max_fen" >= "price_fen"')
export class SearchDocumentRow {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'search_document_pkey' })
  id!: string;

  /** The offering's version; an upsert with a lower or equal version changes nothing. */
  @Column({ type: 'bigint', transformer: numeric })
  version!: number;

  @Column({ type: 'bigint', transformer: numeric })
  priceFen!: number;

  @Column({ type: 'bigint', transformer: numeric })
  priceMaxFen!: number;

  @Column({ type: 'integer' })
  leadTimeDays!: number;

  @Column({ type: 'real', nullable: true })
  rating!: number | null;

  @Column({ type: 'timestamptz' })
  publishedAt!: Date;

  /** The facet keys as 4-byte codes (search_facet_key), concatenated: facet counting reads bytes, not arrays. */
  @Column({ type: 'bytea' })
  facetBlob!: Buffer;

  /**
   * jieba tokens: title (A), tags, category names, qualifications and provider (B), description
   * and deliverables (C); plus, without positions, the filter keys as '#<code>' lexemes
   * (search_facet_key) and the sample marker '#~' (one offering in eight, by a hash of the id).
   */
  @Column({ type: 'tsvector' })
  tsv!: string;
}
