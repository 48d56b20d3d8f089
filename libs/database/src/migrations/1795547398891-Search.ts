import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Search1795547398891 implements MigrationInterface {
  name = 'Search1795547398891';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "search_document" ("id" uuid NOT NULL, "version" bigint NOT NULL, "price_fen" bigint NOT NULL, "price_max_fen" bigint NOT NULL, "lead_time_days" integer NOT NULL, "rating" real, "published_at" TIMESTAMP WITH TIME ZONE NOT NULL, "facet_blob" bytea NOT NULL, "tsv" tsvector NOT NULL, CONSTRAINT "search_document_price_check" CHECK ("price_fen" >= 0 AND "price_max_fen" >= "price_fen"), CONSTRAINT "search_document_pkey" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "search_document_display" ("id" uuid NOT NULL, "title" text NOT NULL, "description" text NOT NULL, "hit" jsonb NOT NULL, CONSTRAINT "search_document_display_pkey" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "search_term" ("term" text NOT NULL, CONSTRAINT "search_term_pkey" PRIMARY KEY ("term"))`);
    await queryRunner.query(`CREATE TABLE "search_facet_key" ("code" SERIAL NOT NULL, "key" text NOT NULL, CONSTRAINT "search_facet_key_pkey" PRIMARY KEY ("code"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "search_facet_key_key_idx" ON "search_facet_key"  ("key") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."search_facet_key_key_idx"`);
    await queryRunner.query(`DROP TABLE "search_facet_key"`);
    await queryRunner.query(`DROP TABLE "search_term"`);
    await queryRunner.query(`DROP TABLE "search_document_display"`);
    await queryRunner.query(`DROP TABLE "search_document"`);
  }
}
