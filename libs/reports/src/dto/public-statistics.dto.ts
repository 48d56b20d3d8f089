import { ApiProperty } from '@nestjs/swagger';

/** A program's public figures: each null unless at least three enterprises are behind it. */
export class PublicProgramFiguresDto {
  @ApiProperty({ format: 'uuid' }) programId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: 'integer' }) fiscalYear!: number;
  @ApiProperty({ enum: ['open', 'closed', 'archived'] }) status!: 'open' | 'closed' | 'archived';
  @ApiProperty({ type: 'integer', nullable: true }) grantedFen!: number | null;
  @ApiProperty({ type: 'integer', nullable: true }) disbursedFen!: number | null;
  @ApiProperty({ type: 'integer', nullable: true }) ordersCompleted!: number | null;
  @ApiProperty({ type: 'integer', nullable: true }) enterprisesServed!: number | null;
}

/** Enterprises served in a county and top-level category. */
export class CountyCategoryCellDto {
  @ApiProperty({ example: '350582' }) regionCode!: string;
  @ApiProperty() regionName!: string;
  @ApiProperty({ example: 'testing', description: 'The top-level category code' }) category!: string;
  @ApiProperty() categoryName!: string;
  @ApiProperty({ type: 'integer', nullable: true, description: 'null where fewer than the minimum cell (or a complementary cell)' }) enterprises!: number | null;
}

/** GET /public/statistics: aggregates only, no cell identifying an enterprise. */
export class PublicStatisticsDto {
  @ApiProperty({ type: [PublicProgramFiguresDto], description: 'Programs that have opened' }) programs!: PublicProgramFiguresDto[];
  @ApiProperty({ type: [CountyCategoryCellDto] }) enterprisesByCountyAndCategory!: CountyCategoryCellDto[];
  @ApiProperty({ type: 'integer', example: 3, description: 'No published figure identifies an enterprise with fewer than this many in its cell' }) minimumCell!: number;
}
