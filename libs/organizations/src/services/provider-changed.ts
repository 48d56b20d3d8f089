/**
 * Tells other libs (the catalog's search feed) that a provider's searchable facts changed:
 * admission status, qualifications, admitted categories, name or types. An outbox row in the
 * caller's transaction, so it commits or rolls back with the change.
 */
import type { EntityManager } from 'typeorm';
import { OutboxService } from '@innoserve/database';

export const PROVIDER_CHANGED_TOPIC = 'organizations.provider-changed';

export interface ProviderChangedPayload {
  organizationId: string;
}

const outbox = new OutboxService();

export async function announceProviderChanged(m: EntityManager, organizationId: string): Promise<void> {
  // the fan-out re-reads the provider's offerings, so one unclaimed message per provider is enough
  await outbox.enqueue(m, PROVIDER_CHANGED_TOPIC, { organizationId } satisfies ProviderChangedPayload, { orderingKey: `provider:${organizationId}`, coalesce: true });
}
