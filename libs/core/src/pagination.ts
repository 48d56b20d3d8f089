import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { ApiPropertyOptional } from '@nestjs/swagger';

export class PageQuery {
  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  page: number = 1;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  pageSize: number = 20;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export function pageOf<T>(items: T[], total: number, q: { page: number; pageSize: number }): Page<T> {
  return { items, total, page: q.page, pageSize: q.pageSize };
}

export function offsetOf(q: { page: number; pageSize: number }): number {
  return (q.page - 1) * q.pageSize;
}

/** The order of a staff queue: `oldest` (the default) serves the longest-waiting first, `newest` the latest arrivals. */
export const QUEUE_SORTS = ['oldest', 'newest'] as const;
export type QueueSort = (typeof QUEUE_SORTS)[number];

/** A staff queue's size and when its longest-waiting item entered it (the console menu's counts, GET /admin/queues). */
export interface QueueCount {
  count: number;
  /** ISO date-time, null when the queue is empty. */
  oldestSince: string | null;
}

/** The row of a `SELECT COUNT(*) AS count, MIN(...) AS oldest` as a QueueCount. */
export function queueCountOf(row: { count: string | number; oldest: Date | string | null } | undefined): QueueCount {
  if (!row) return { count: 0, oldestSince: null };
  return { count: Number(row.count), oldestSince: row.oldest === null ? null : new Date(row.oldest).toISOString() };
}
