import { Injectable } from '@nestjs/common';
import { isUuid } from '@innoserve/core';
import { OUTBOX_HANDLER, OutboxService, TransactionRunner, type OutboxHandlerProvider } from '@innoserve/database';
import { OFFERING_CHANGED_TOPIC, PROVIDER_CHANGED_TOPIC, offeringMessage, type OfferingChangedPayload } from './catalog-topics.js';

/**
 * Worker handler of `organizations.provider-changed`: every published offering of the provider
 * gets the next version and its own `catalog.offering-changed` row, so search re-reads it (and
 * deletes it when the provider is no longer admitted or a named qualification lapsed) and
 * reconcile sees the version move. Only published offerings can be searchable, so only they move.
 */
@Injectable()
export class ProviderChangeFanOut {
  readonly [OUTBOX_HANDLER]: OutboxHandlerProvider['handlers'] = {
    [PROVIDER_CHANGED_TOPIC]: async (payload) => {
      await this.fanOut(String(payload.organizationId));
    },
  };

  constructor(
    private readonly tx: TransactionRunner,
    private readonly outbox: OutboxService,
  ) {}

  /** Bumps and announces the provider's published offerings; returns how many. */
  async fanOut(providerId: string): Promise<number> {
    if (!isUuid(providerId)) return 0;
    return this.tx.run(async (m) => {
      const rows = await m.query<{ id: string; version: string }[]>(
        `UPDATE offering SET version = version + 1, updated_at = now()
          WHERE provider_id = $1 AND status = 'published'
          RETURNING id, version`,
        [providerId],
      );
      // node-postgres answers an UPDATE ... RETURNING as [rows, count]
      const list = (Array.isArray(rows[0]) ? rows[0] : rows) as { id: string; version: string }[];
      for (const r of list) {
        // in the lane of the provider's own message (a suspension is a user's change, the seed is bulk)
        await this.outbox.enqueue(m, OFFERING_CHANGED_TOPIC, { offeringId: r.id, version: Number(r.version) } satisfies OfferingChangedPayload, offeringMessage(r.id));
      }
      return list.length;
    });
  }
}
