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
