import { Column, Entity, PrimaryColumn } from 'typeorm';

/** What a hit shows (read for the page of results only): the texts to highlight and the hit fields. */
@Entity('search_document_display')
export class SearchDocumentDisplay {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'search_document_display_pkey' })
  id!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  description!: string;

  /** The SearchHit fields other than title and highlight. */
  @Column({ type: 'jsonb' })
  hit!: Record<string, unknown>;
}
