import { AdmissionObjection } from './admission-objection.entity.js';
import { EnterpriseProfile } from './enterprise-profile.entity.js';
import { Membership } from './membership.entity.js';
import { Organization } from './organization.entity.js';
import { ProviderChangeRequest } from './provider-change-request.entity.js';
import { ProviderProfile } from './provider-profile.entity.js';
import { ProviderQualification } from './provider-qualification.entity.js';
import { ProviderRating } from './provider-rating.entity.js';

export { AdmissionObjection, OBJECTION_STATUSES, type ObjectionStatus } from './admission-objection.entity.js';
export { EnterpriseProfile } from './enterprise-profile.entity.js';
export { Membership, MEMBERSHIP_ROLES, type MembershipRole } from './membership.entity.js';
export { Organization } from './organization.entity.js';
export { ProviderChangeRequest, CHANGE_REQUEST_STATUSES, type ChangeRequestStatus } from './provider-change-request.entity.js';
export { ProviderProfile } from './provider-profile.entity.js';
export { ProviderQualification } from './provider-qualification.entity.js';
export { ProviderRating } from './provider-rating.entity.js';

/** Tables this lib owns. */
export const ORGANIZATION_ENTITIES = [
  Organization,
  EnterpriseProfile,
  ProviderProfile,
  ProviderQualification,
  Membership,
  AdmissionObjection,
  ProviderChangeRequest,
  ProviderRating,
];
