/**
 * Hand-written SQL for the generated migration (after the search tables are created): pg_trgm and
 * the indexes TypeORM cannot express. Idempotent, so tests apply it on top of a synchronized
 * schema and PostgresEngine.ensureSetup() may re-apply it. The index names match the
 * synchronize: false declarations on the entities.
 *
 * - GIN on the tsvector (text, filter keys and the sample marker are all lexemes), fastupdate
 *   off: searches never scan a pending list (writes are small outbox batches; a full rebuild
 *   builds its indexes after loading);
 * - btree orderings that let a broad query walk to its first page instead of sorting every match;
 * - trigram GiST over the vocabulary for nearest-term typo correction.
 */
export const SEARCH_SQL = `
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX IF NOT EXISTS search_document_tsv_idx ON search_document USING gin (tsv) WITH (fastupdate = off);
CREATE INDEX IF NOT EXISTS search_document_rating_idx ON search_document (rating DESC NULLS LAST, id);
CREATE INDEX IF NOT EXISTS search_document_price_idx ON search_document (price_fen, id);
CREATE INDEX IF NOT EXISTS search_document_published_idx ON search_document (published_at DESC, id);
CREATE INDEX IF NOT EXISTS search_term_trgm_idx ON search_term USING gist (term gist_trgm_ops);
`;

/** The migration's down() counterpart (before the tables are dropped). pg_trgm stays installed. */
export const SEARCH_DOWN_SQL = `
DROP INDEX IF EXISTS search_term_trgm_idx;
DROP INDEX IF EXISTS search_document_published_idx;
DROP INDEX IF EXISTS search_document_price_idx;
DROP INDEX IF EXISTS search_document_rating_idx;
DROP INDEX IF EXISTS search_document_tsv_idx;
`;
