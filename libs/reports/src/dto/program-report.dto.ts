import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PROGRAM_STATUSES, REVIEW_LEVELS, type ProgramStatus, type ReviewLevel } from '@innoserve/vouchers';

/** A funding source's money, from the ledger (SourceFigures). */
export class SourceFiguresDto {
  @ApiProperty({ example: 'city', description: "The funding source's key" }) source!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: String, nullable: true, description: "A county pool's region; null: a city-wide source" }) regionCode!: string | null;
  @ApiProperty({ type: 'integer' }) budgetFen!: number;
  @ApiProperty({ type: 'integer' }) grantedFen!: number;
  @ApiProperty({ type: 'integer' }) heldFen!: number;
  @ApiProperty({ type: 'integer' }) payableFen!: number;
  @ApiProperty({ type: 'integer' }) disbursedFen!: number;
  @ApiProperty({ type: 'integer' }) lapsedFen!: number;
  @ApiProperty({ type: 'integer' }) voidedFen!: number;
  @ApiProperty({ type: 'integer' }) forfeitedFen!: number;
  @ApiProperty({ type: 'integer' }) clawedBackFen!: number;
  @ApiProperty({ type: 'integer' }) repaidFen!: number;
  @ApiProperty({ type: 'integer' }) returnedFen!: number;
  @ApiProperty({ type: 'integer', description: 'The pool: budget not granted (or back from lapses, voids, forfeits, repayments), not returned' }) availableFen!: number;
}

/** Completed orders of the program by the buyers' county. */
export class CountyFiguresDto {
  @ApiProperty({ example: '350582' }) regionCode!: string;
  @ApiProperty() nameZh!: string;
  @ApiProperty({ type: 'integer' }) ordersCompleted!: number;
  @ApiProperty({ type: 'integer' }) enterprises!: number;
  @ApiProperty({ type: 'integer' }) subsidyFen!: number;
  @ApiProperty({ type: 'integer' }) redeemedFen!: number;
}

/** Completed orders of the program by service category. */
export class CategoryFiguresDto {
  @ApiProperty({ format: 'uuid' }) categoryId!: string;
  @ApiProperty() nameZh!: string;
  @ApiProperty({ type: 'integer' }) ordersCompleted!: number;
  @ApiProperty({ type: 'integer' }) spendFen!: number;
  @ApiProperty({ type: 'integer' }) subsidyFen!: number;
}

/** Claims per status (and, in review, per current level kind). */
export class ClaimPipelineRowDto {
  @ApiProperty({ example: 'in_review' }) status!: string;
  @ApiProperty({ type: String, nullable: true, example: 'county', description: 'The current level kind of claims in review; null otherwise' }) levelKind!: string | null;
  @ApiProperty({ type: 'integer' }) count!: number;
  @ApiProperty({ type: 'integer' }) amountFen!: number;
}

/** Review-time percentiles per level kind (calendar hours). */
export class ReviewTimesDto {
  @ApiProperty({ enum: REVIEW_LEVELS }) levelKind!: ReviewLevel;
  @ApiProperty({ type: 'integer' }) decisions!: number;
  @ApiProperty({ type: Number, nullable: true }) p50Hours!: number | null;
  @ApiProperty({ type: Number, nullable: true }) p90Hours!: number | null;
}

/** A row of the provider league table. */
export class ProviderFiguresDto {
  @ApiProperty({ format: 'uuid' }) providerId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: 'integer' }) ordersCompleted!: number;
  @ApiProperty({ type: 'integer' }) redeemedFen!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'The mean rating (one decimal); null when unrated' }) rating!: number | null;
  @ApiProperty({ type: 'integer' }) flaggedClaims!: number;
}

export class ParticipationDto {
  @ApiProperty({ type: 'integer' }) enterprisesServed!: number;
  @ApiProperty({ type: 'integer' }) firstTimeBuyers!: number;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Basis points; null when no enterprise was served' }) microSmallShareBp!: number | null;
}

/** A performance indicator with its formula. */
export class IndicatorDto {
  @ApiProperty({ example: 'services_bought' }) key!: string;
  @ApiProperty() nameZh!: string;
  @ApiProperty() nameEn!: string;
  @ApiProperty({ type: Number, nullable: true }) value!: number | null;
  @ApiProperty({ description: 'How it is computed, in words' }) formula!: string;
}

/** County scope: the county's enterprises' share of a city-wide source. */
export class CityShareDto {
  @ApiProperty({ example: 'city' }) source!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: 'integer' }) grantedFen!: number;
  @ApiProperty({ type: 'integer' }) heldFen!: number;
  @ApiProperty({ type: 'integer' }) payableFen!: number;
  @ApiProperty({ type: 'integer' }) disbursedFen!: number;
}

/** A program's report as one reader may see it (ScopedReport). */
export class ProgramReportDto {
  @ApiProperty({ format: 'uuid' }) programId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: 'integer' }) fiscalYear!: number;
  @ApiProperty({ enum: PROGRAM_STATUSES }) status!: ProgramStatus;
  @ApiProperty({ type: [SourceFiguresDto] }) sources!: SourceFiguresDto[];
  @ApiProperty({ type: [CountyFiguresDto] }) byCounty!: CountyFiguresDto[];
  @ApiProperty({ type: [CategoryFiguresDto] }) byCategory!: CategoryFiguresDto[];
  @ApiProperty({ type: [ClaimPipelineRowDto], description: 'Empty in county scope' }) claimPipeline!: ClaimPipelineRowDto[];
  @ApiProperty({ type: [ReviewTimesDto], description: 'Empty in county scope' }) reviewTimes!: ReviewTimesDto[];
  @ApiProperty({ type: [ProviderFiguresDto], description: 'Empty in county scope' }) providers!: ProviderFiguresDto[];
  @ApiProperty({ type: ParticipationDto }) participation!: ParticipationDto;
  @ApiProperty({ type: [IndicatorDto], description: 'Empty in county scope' }) indicators!: IndicatorDto[];
  @ApiProperty({ enum: ['program', 'county'], description: 'program: the whole report (staff of the issuing region); county: the part of the counties the reader covers' }) scope!: 'program' | 'county';
  @ApiProperty({ type: [String], nullable: true, description: 'County scope: the counties shown; null in program scope' }) regionCodes!: string[] | null;
  @ApiPropertyOptional({ type: [CityShareDto], description: "County scope only: the county's enterprises' share of each city-wide source" }) cityShare?: CityShareDto[];
}
