/** Entity → API view mappers (amounts as JSON safe integers of fen, times as ISO strings). */
import type { OrganizationSnapshot } from '@innoserve/organizations';
import { pricingView } from '../domain/pricing.js';
import type { OfferingViewDto } from '../dto/offering-view.dto.js';
import type { RevisionViewDto } from '../dto/revision-view.dto.js';
import type { OfferingRevision } from '../entities/offering-revision.entity.js';
import type { Offering } from '../entities/offering.entity.js';

export type OfferingView = OfferingViewDto;
export type RevisionView = RevisionViewDto;

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

export function toRevisionView(r: OfferingRevision): RevisionView {
  return {
    id: r.id,
    offeringId: r.offeringId,
    status: r.status,
    categoryId: r.categoryId,
    title: r.title,
    description: r.description,
    deliverables: r.deliverables,
    pricing: pricingView(r),
    leadTimeDays: r.leadTimeDays,
    regionCodes: [...r.regionCodes],
    tags: [...r.tags],
    qualificationKinds: [...r.qualificationKinds],
    requestedBy: r.requestedBy,
    reason: r.reason,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

/**
 * The view. `privileged` (members of the provider, staff) adds the moderation details: the
 * rejection reason and the pending revision.
 */
export function toOfferingView(
  o: Offering,
  provider: Pick<OrganizationSnapshot, 'name' | 'provider'> | null,
  x: { searchable: boolean; privileged: boolean; pendingRevision: OfferingRevision | null },
): OfferingView {
  return {
    id: o.id,
    providerId: o.providerId,
    providerName: provider?.name ?? '',
    providerRating: provider?.provider?.rating ?? { average: null, count: 0 },
    categoryId: o.categoryId,
    title: o.title,
    description: o.description,
    deliverables: o.deliverables,
    pricing: pricingView(o),
    leadTimeDays: o.leadTimeDays,
    regionCodes: [...o.regionCodes],
    tags: [...o.tags],
    qualificationKinds: [...o.qualificationKinds],
    status: o.status,
    searchable: x.searchable,
    rejectionReason: x.privileged ? o.rejectionReason : null,
    version: Number(o.version),
    submittedAt: iso(o.submittedAt),
    queuedSince: x.privileged ? (x.pendingRevision ? x.pendingRevision.createdAt.toISOString() : iso(o.submittedAt)) : null,
    publishedAt: iso(o.publishedAt),
    pendingRevision: x.privileged && x.pendingRevision ? toRevisionView(x.pendingRevision) : null,
    createdAt: o.createdAt.toISOString(),
    updatedAt: o.updatedAt.toISOString(),
  };
}
