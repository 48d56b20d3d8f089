import { Injectable } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { BusinessRuleError, msg, offsetOf, pageOf, type Page } from '@innoserve/core';
import type { ListAuditEntriesQuery } from './list-audit-entries.query.js';

/** One audit entry as the admin API shows it. */
export class AuditEntryView {
  @ApiProperty({ description: 'Global sequence (bigint as a decimal string)' }) id!: string;
  @ApiProperty() streamType!: string;
  @ApiProperty() streamId!: string;
  @ApiProperty() streamSeq!: number;
  @ApiProperty() action!: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'Null for the system' }) actorId!: string | null;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
  @ApiPropertyOptional({ nullable: true }) before!: unknown;
  @ApiPropertyOptional({ nullable: true }) after!: unknown;
  @ApiProperty({ type: String, nullable: true }) reason!: string | null;
  @ApiProperty() prevHash!: string;
  @ApiProperty() hash!: string;
}

interface Row {
  id: string;
  stream_type: string;
  stream_id: string;
  stream_seq: number;
  action: string;
  actor_id: string | null;
  occurred_at: Date;
  before: unknown;
  after: unknown;
  reason: string | null;
  prev_hash: string;
  hash: string;
}

/** Reads the audit log for auditors: filtered, newest first, paged. */
@Injectable()
export class AuditReader {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Entries, newest first, filtered by stream, actor and time ([from, to)); `streams` limits them
   * to these streams (an organization's history: its own stream and its sanctions').
   */
  async list(q: Partial<ListAuditEntriesQuery> & { page: number; pageSize: number }, streams?: readonly { streamType: string; streamIds: readonly string[] }[]): Promise<Page<AuditEntryView>> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, ...values: unknown[]): void => {
      let out = sql;
      for (const v of values) {
        params.push(v);
        out = out.replace('?', `$${params.length}`);
      }
      where.push(out);
    };
    const from = q.from !== undefined ? new Date(q.from) : undefined;
    const to = q.to !== undefined ? new Date(q.to) : undefined;
    if (from && to && from.getTime() > to.getTime()) {
      throw new BusinessRuleError('INVALID_TIME_RANGE', msg('`from` is after `to`.', '开始时间晚于结束时间。'), [{ field: 'from', message: 'must not be after to' }]);
    }
    if (q.entityType !== undefined) add('stream_type = ?', q.entityType);
    if (q.entityId !== undefined) add('stream_id = ?', q.entityId);
    if (q.actor !== undefined) add('actor_id = ?', q.actor.toLowerCase());
    if (from) add('occurred_at >= ?', from);
    if (to) add('occurred_at < ?', to);
    if (streams) {
      const parts = streams.filter((s) => s.streamIds.length > 0);
      if (parts.length === 0) return pageOf([], 0, q);
      const ors: string[] = [];
      for (const s of parts) {
        params.push(s.streamType, [...s.streamIds]);
        ors.push(`(stream_type = $${params.length - 1} AND stream_id = ANY($${params.length}::text[]))`);
      }
      where.push(`(${ors.join(' OR ')})`);
    }
    const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ total }] = await this.dataSource.query<{ total: string }[]>(`SELECT count(*)::text AS total FROM audit_entry ${filter}`, params);
    const rows = await this.dataSource.query<Row[]>(
      `SELECT id::text AS id, stream_type, stream_id, stream_seq, action, actor_id, occurred_at, before, after, reason, prev_hash, hash
         FROM audit_entry ${filter} ORDER BY audit_entry.id DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, q.pageSize, offsetOf(q)],
    );
    const items = rows.map((r) => ({
      id: r.id,
      streamType: r.stream_type,
      streamId: r.stream_id,
      streamSeq: r.stream_seq,
      action: r.action,
      actorId: r.actor_id,
      occurredAt: r.occurred_at.toISOString(),
      before: r.before,
      after: r.after,
      reason: r.reason,
      prevHash: r.prev_hash,
      hash: r.hash,
    }));
    return pageOf(items, Number(total), q);
  }
}
