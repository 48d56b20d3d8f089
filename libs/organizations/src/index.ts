export * from './domain/index.js';
export * from './entities/index.js';
export { OrganizationsModule } from './organizations.module.js';
export { OrganizationsWorkerModule } from './organizations-worker.module.js';
export { AdmissionExpirySweep } from './services/admission-expiry.sweep.js';
export { NoticeEndSweep, NOTICE_ENDED } from './services/notice-end.sweep.js';
export { PROVIDER_CHANGED_TOPIC, type ProviderChangedPayload } from './services/provider-changed.js';
export {
  OrganizationsService,
  DEFAULT_BLACKLIST_YEARS,
  type OrganizationSnapshot,
  type DealParty,
  type EnterpriseSnapshot,
  type ProviderAdmissionSnapshot,
  type BlacklistInput,
  type ApplicantFacts,
  type ApplicantRow,
  applicantFactsSelect,
  applicantFactsSelectOf,
  toApplicantFacts,
} from './services/organizations.service.js';
export { EnterprisesService, type NewEnterprise, type EnterpriseChanges } from './services/enterprises.service.js';
export { ProvidersService, type NewProvider, type ProviderEdits, type ProviderUpdateOutcome } from './services/providers.service.js';
export { EnterpriseVerificationService, VERIFICATION_ROLES, type VerificationInput, type EnterpriseListQuery, type EnterpriseSuspensionListener } from './services/enterprise-verification.service.js';
export { ProviderAdmissionService, ADMISSION_ROLES, type AdmissionInput, type AdmissionResult, type ProviderListQuery, type AdmissionSanctionListener } from './services/provider-admission.service.js';
export { ProviderChangeRequestsService, type ChangeRequestDecisionInput } from './services/provider-change-requests.service.js';
export { MembersService, type MemberView, type NewMember } from './services/members.service.js';
export { OrganizationMembershipDirectory } from './services/membership-directory.service.js';
export {
  IDENTITY_FIELDS,
  CONTACT_FIELDS,
  ENTERPRISE_INPUT_FIELDS,
  PROVIDER_SCOPE_FIELDS,
  REVIEWED_EDIT_STATUSES,
  type BankAccount,
  type QualificationInput,
  type ProviderChanges,
} from './services/organization-changes.js';
export { groupKeyOfOrganization, type EnterpriseView, type ProviderView, type ObjectionView, type ChangeRequestView, type QualificationView } from './services/views.js';
export { asPrincipal } from './services/unit-of-work.js';
export { ADMISSION_COMMANDS, type AdmissionCommand } from './dto/admission-action.dto.js';
export { VERIFICATION_DECISIONS, type VerificationDecision } from './dto/verification-decision.dto.js';
export { CHANGE_REQUEST_DECISIONS, type ChangeRequestDecision } from './dto/change-request-decision.dto.js';
export { ProviderRatingDto } from './dto/provider-view.dto.js';
export { TextField, DateField, FenField, UsccField, type FieldOptions } from './dto/fields.js';
