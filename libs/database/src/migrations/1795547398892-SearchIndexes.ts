import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Hand-written (TypeORM cannot express GIN/GiST operator classes or extensions): the
 * PostgresEngine's indexes and pg_trgm. Mirrors SEARCH_SQL in libs/search/src/postgres/search.sql.ts;
 * the entities declare these indexes with synchronize: false so the drift check ignores them.
 */
export class SearchIndexes1795547398892 implements MigrationInterface {
  name = 'SearchIndexes1795547398892';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX IF NOT EXISTS search_document_tsv_idx ON search_document USING gin (tsv) WITH (fastupdate = off);
CREATE INDEX IF NOT EXISTS search_document_rating_idx ON search_document (rating DESC NULLS LAST, id);
CREATE INDEX IF NOT EXISTS search_document_price_idx ON search_document (price_fen, id);
CREATE INDEX IF NOT EXISTS search_document_published_idx ON search_document (published_at DESC, id);
CREATE INDEX IF NOT EXISTS search_term_trgm_idx ON search_term USING gist (term gist_trgm_ops);
`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
DROP INDEX IF EXISTS search_term_trgm_idx;
DROP INDEX IF EXISTS search_document_published_idx;
DROP INDEX IF EXISTS search_document_price_idx;
DROP INDEX IF EXISTS search_document_rating_idx;
DROP INDEX IF EXISTS search_document_tsv_idx;
`);
  }
}
