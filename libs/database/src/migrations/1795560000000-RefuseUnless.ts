import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Hand-written (TypeORM does not manage functions): `innoserve_refuse_unless(ok, code, detail)`
 * raises P0001 with `code` as the message when `ok` is not true. A single statement that does
 * several conditional writes (CTEs) ends with it, so a refused condition rolls back every write
 * of that statement; the caller maps the code to its domain error (refusalOf in sql-params.ts).
 */
export class RefuseUnless1795560000000 implements MigrationInterface {
  name = 'RefuseUnless1795560000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
CREATE OR REPLACE FUNCTION innoserve_refuse_unless(ok boolean, code text, detail text DEFAULT NULL) RETURNS boolean
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  IF ok IS NOT TRUE THEN
    RAISE EXCEPTION USING ERRCODE = 'P0001', MESSAGE = code, DETAIL = coalesce(detail, '');
  END IF;
  RETURN true;
END
$$;
`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP FUNCTION IF EXISTS innoserve_refuse_unless(boolean, text, text)');
  }
}
