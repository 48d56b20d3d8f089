/**
 * Outbox topics the catalog writes and reads. Handlers (search indexing) live in libs/search;
 * the catalog only writes the rows, in the same transaction as the change.
 */
import { PROVIDER_CHANGED_TOPIC, type ProviderChangedPayload } from '@innoserve/organizations';

/** Written by every command that changes an offering row: payload {@link OfferingChangedPayload}. */
export const OFFERING_CHANGED_TOPIC = 'catalog.offering-changed';

export interface OfferingChangedPayload {
  offeringId: string;
  /** The offering's version after the change (a JSON safe integer). */
  version: number;
}

/**
 * Written by organizations whenever a provider's admission status, qualifications, categories,
 * name or types change; re-index every offering of the provider (CatalogSearchFeed.offeringIdsOfProvider).
 */
export { PROVIDER_CHANGED_TOPIC, type ProviderChangedPayload };

/**
 * How an offering change is enqueued: keyed by the offering (its messages in order) and coalesced
 * into an unclaimed one (the indexer re-reads the offering, so one message carries every change
 * made before it is claimed — the demo seed leaves one per offering, not one per step).
 */
export function offeringMessage(offeringId: string): { orderingKey: string; coalesce: true } {
  return { orderingKey: `offering:${offeringId}`, coalesce: true };
}
