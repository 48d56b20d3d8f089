import { Injectable, Logger } from '@nestjs/common';
import { addDays, Clock, shanghaiDate } from '@innoserve/core';
import { OutboxService, SCHEDULED_JOB, TransactionRunner, type ScheduledJob } from '@innoserve/database';
import { OrganizationsService } from '@innoserve/organizations';
import { OFFERING_CHANGED_TOPIC, offeringMessage, type OfferingChangedPayload } from './catalog-topics.js';

/** How far back a lapse is still caught (a worker down longer than this leaves it to reindex). */
const LOOKBACK_DAYS = 30;

/**
 * A qualification that simply runs out changes no row, so nothing would tell search that the
 * offerings naming it stopped being searchable. This hourly sweep finds providers whose
 * qualifications lapsed in the last 30 days and bumps each published offering not changed since
 * the lapse, with its `catalog.offering-changed` row; the indexer then re-reads and deletes it.
 * Bumped offerings carry a newer updated_at, so running again changes nothing.
 */
@Injectable()
export class QualificationLapseSweep {
  private readonly logger = new Logger('QualificationLapseSweep');
  readonly [SCHEDULED_JOB]: ScheduledJob = { name: 'catalog.qualification-lapse', intervalMs: 60 * 60_000, run: async () => void (await this.sweep()) };

  constructor(
    private readonly clock: Clock,
    private readonly tx: TransactionRunner,
    private readonly outbox: OutboxService,
    private readonly organizations: OrganizationsService,
  ) {}

  /** Returns how many offerings were announced. */
  async sweep(): Promise<number> {
    const now = this.clock.now();
    const lapsed = await this.organizations.providersWithQualificationsLapsedBetween(
      shanghaiDate(addDays(now, -LOOKBACK_DAYS)),
      shanghaiDate(addDays(now, -1)), // valid through its last day: lapsed once that day is over
    );
    let announced = 0;
    for (const { providerId, lapsedOn } of lapsed) {
      announced += await this.tx.run(async (m) => {
        const result = await m.query<[{ id: string; version: string }[], number]>(
          `UPDATE offering SET version = version + 1, updated_at = $3
            WHERE provider_id = $1 AND status = 'published'
              AND updated_at < (($2::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')
            RETURNING id, version`,
          [providerId, lapsedOn, now],
        );
        const rows = result[0];
        for (const r of rows) {
          await this.outbox.enqueue(m, OFFERING_CHANGED_TOPIC, { offeringId: r.id, version: Number(r.version) } satisfies OfferingChangedPayload, {
            ...offeringMessage(r.id),
            lane: 'bulk',
          });
        }
        return rows.length;
      });
    }
    if (announced) this.logger.log(`re-announced ${announced} offering(s) of providers with lapsed qualifications`);
    return announced;
  }
}
