/** Entity → API view mappers (amounts as JSON safe integers of fen, times as ISO strings). */
import type { AdmissionObjection } from '../entities/admission-objection.entity.js';
import type { EnterpriseProfile } from '../entities/enterprise-profile.entity.js';
import type { Organization } from '../entities/organization.entity.js';
import type { ProviderChangeRequest } from '../entities/provider-change-request.entity.js';
import type { ProviderProfile } from '../entities/provider-profile.entity.js';
import type { ProviderQualification } from '../entities/provider-qualification.entity.js';
import type { ProviderRating } from '../entities/provider-rating.entity.js';
import type { ChangeRequestViewDto } from '../dto/change-request-view.dto.js';
import type { EnterpriseViewDto } from '../dto/enterprise-view.dto.js';
import type { ObjectionViewDto } from '../dto/objection-view.dto.js';
import type { OrganizationViewDto } from '../dto/organization-view.dto.js';
import type { ProviderViewDto } from '../dto/provider-view.dto.js';
import type { QualificationViewDto } from '../dto/qualification-view.dto.js';
import { bankAccountOf } from './organization-changes.js';

export type EnterpriseView = EnterpriseViewDto;
export type ProviderView = ProviderViewDto;
export type ObjectionView = ObjectionViewDto;
export type ChangeRequestView = ChangeRequestViewDto;
export type QualificationView = QualificationViewDto;

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

export function groupKeyOfOrganization(org: Pick<Organization, 'id' | 'controllerGroup'>): string {
  return org.controllerGroup ?? org.id;
}

export function toOrganizationView(org: Organization): OrganizationViewDto {
  return {
    id: org.id,
    uscc: org.uscc,
    name: org.name,
    regionCode: org.regionCode,
    legalRepresentative: org.legalRepresentative,
    registeredAddress: org.registeredAddress,
    contactPhone: org.contactPhone,
    establishedOn: org.establishedOn,
    bankAccount: bankAccountOf(org),
    shareholders: [...org.shareholders],
    controllerGroup: org.controllerGroup,
    groupKey: groupKeyOfOrganization(org),
    blacklistedUntil: org.blacklistedUntil,
    createdAt: org.createdAt.toISOString(),
    updatedAt: org.updatedAt.toISOString(),
  };
}

export function toEnterpriseView(org: Organization, e: EnterpriseProfile): EnterpriseView {
  return {
    ...toOrganizationView(org),
    industry: e.industry,
    employees: e.employees,
    annualRevenueFen: Number(e.annualRevenueFen),
    totalAssetsFen: Number(e.totalAssetsFen),
    sizeClass: e.sizeClass,
    techSmeNo: e.techSmeNo,
    highTechCertNo: e.highTechCertNo,
    highTechCertExpiresOn: e.highTechCertExpiresOn,
    littleGiant: e.littleGiant,
    businessLicenceFileId: e.businessLicenceFileId,
    status: e.status,
    rejectionReason: e.rejectionReason,
    suspensionReason: e.suspensionReason,
    submittedAt: e.submittedAt.toISOString(),
    verifiedAt: iso(e.verifiedAt),
    version: e.version,
  };
}

export function toQualificationView(q: ProviderQualification): QualificationView {
  return { id: q.id, kind: q.kind, number: q.number, expiresOn: q.expiresOn, certificateFileId: q.certificateFileId };
}

export interface ProviderExtras {
  qualifications: ProviderQualification[];
  openObjections: number;
  pendingChangeRequestId: string | null;
  rating: ProviderRating | null;
}

export function toProviderView(org: Organization, p: ProviderProfile, x: ProviderExtras): ProviderView {
  return {
    ...toOrganizationView(org),
    providerTypes: [...p.providerTypes],
    qualifications: x.qualifications.map(toQualificationView),
    categoryIds: [...p.requestedCategoryIds],
    admittedCategoryIds: [...p.admittedCategoryIds],
    admissionStatus: p.admissionStatus,
    noticeStartsAt: iso(p.noticeStartsAt),
    noticeEndsAt: iso(p.noticeEndsAt),
    admittedAt: iso(p.admittedAt),
    admissionExpiresAt: iso(p.admissionExpiresAt),
    decisionReason: p.decisionReason,
    openObjections: x.openObjections,
    pendingChangeRequestId: x.pendingChangeRequestId,
    rating: ratingView(x.rating),
    submittedAt: p.submittedAt.toISOString(),
    version: p.version,
  };
}

export function toObjectionView(o: AdmissionObjection): ObjectionView {
  return {
    id: o.id,
    organizationId: o.organizationId,
    raisedBy: o.raisedBy,
    reason: o.reason,
    status: o.status,
    resolvedBy: o.resolvedBy,
    resolutionReason: o.resolutionReason,
    resolvedAt: iso(o.resolvedAt),
    createdAt: o.createdAt.toISOString(),
  };
}

export function toChangeRequestView(r: ProviderChangeRequest): ChangeRequestView {
  return {
    id: r.id,
    organizationId: r.organizationId,
    requestedBy: r.requestedBy,
    changes: { ...r.changes },
    previous: { ...r.previous },
    status: r.status,
    decidedBy: r.decidedBy,
    decidedAt: iso(r.decidedAt),
    reason: r.reason,
    createdAt: r.createdAt.toISOString(),
    version: r.version,
  };
}

/** Average to two decimals (null before the first review) and count. */
export function ratingView(r: Pick<ProviderRating, 'ratingSum' | 'ratingCount'> | null | undefined): { average: number | null; count: number } {
  if (!r || r.ratingCount === 0) return { average: null, count: 0 };
  return { average: Math.round((Number(r.ratingSum) * 100) / r.ratingCount) / 100, count: r.ratingCount };
}
