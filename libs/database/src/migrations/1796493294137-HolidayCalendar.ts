import type { MigrationInterface, QueryRunner } from 'typeorm';

export class HolidayCalendar1796493294137 implements MigrationInterface {
  name = 'HolidayCalendar1796493294137';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "holiday_calendar_day" ("date" date NOT NULL, "kind" character varying(10) NOT NULL, "name_zh" character varying(50) NOT NULL, "name_en" character varying(100) NOT NULL, "provisional" boolean NOT NULL DEFAULT false, "removed" boolean NOT NULL DEFAULT false, "updated_by" uuid, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "holiday_calendar_day_workday_check" CHECK ("kind" <> 'workday' OR extract(isodow FROM "date") IN (6, 7)), CONSTRAINT "holiday_calendar_day_kind_check" CHECK ("kind" IN ('holiday', 'workday')), CONSTRAINT "PK_63680fd5afe67c143dbdd6be138" PRIMARY KEY ("date"))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "holiday_calendar_day"`);
  }
}
