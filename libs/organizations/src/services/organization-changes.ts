/**
 * Which edits are identity edits, and what changed. Pure functions over plain values, so the
 * enterprise PATCH, the provider PATCH and the change-request approval agree on the rules:
 *
 * - identity fields of the organization: name, region, legal representative, establishment date,
 *   bank account, controller group, shareholders (they feed eligibility, caps and related-party
 *   checks). A verified enterprise that edits one goes back to pending; an admitted provider's
 *   edits wait in a change request.
 * - direct fields: registered address and contact phone apply at once, always.
 * - enterprise inputs (size inputs and the 科技型中小企业 / 高新技术企业 / 小巨人 flags) re-verify.
 * - provider scope (types, qualifications, categories) is reviewed like identity once admitted.
 */
import type { AdmissionStatus } from '../domain/provider-admission.state-machine.js';
import type { ProviderType, QualificationKind } from '../domain/provider-types.js';
import type { Industry } from '../domain/size-classifier.js';
import type { Organization } from '../entities/organization.entity.js';

export interface BankAccount {
  bankName: string;
  accountName: string;
  accountNo: string;
  /** 联行号 (CNAPS), 12 digits; null when not given. */
  cnapsCode?: string | null;
}

export interface QualificationInput {
  kind: QualificationKind;
  number: string;
  expiresOn: string | null;
  /** The certificate as an uploaded file; admission requires it. */
  certificateFileId: string | null;
}

export interface OrganizationIdentity {
  name: string;
  regionCode: string;
  legalRepresentative: string;
  establishedOn: string | null;
  bankAccount: BankAccount | null;
  controllerGroup: string | null;
  shareholders: string[];
}

export interface OrganizationContact {
  registeredAddress: string;
  contactPhone: string;
}

export type OrganizationFields = OrganizationIdentity & OrganizationContact;

export interface EnterpriseInputs {
  industry: Industry;
  employees: number;
  annualRevenueFen: bigint;
  totalAssetsFen: bigint;
  techSmeNo: string | null;
  highTechCertNo: string | null;
  highTechCertExpiresOn: string | null;
  littleGiant: boolean;
  /** The business licence (营业执照) file: what the reviewer verifies against. */
  businessLicenceFileId: string | null;
}

export interface ProviderScope {
  providerTypes: ProviderType[];
  categoryIds: string[];
  qualifications: QualificationInput[];
}

/** What a provider change request holds (JSON): identity and scope fields that change. */
export type ProviderChanges = Partial<OrganizationIdentity & ProviderScope>;

export const IDENTITY_FIELDS = ['name', 'regionCode', 'legalRepresentative', 'establishedOn', 'bankAccount', 'controllerGroup', 'shareholders'] as const;
export const CONTACT_FIELDS = ['registeredAddress', 'contactPhone'] as const;
export const ENTERPRISE_INPUT_FIELDS = [
  'industry',
  'employees',
  'annualRevenueFen',
  'totalAssetsFen',
  'techSmeNo',
  'highTechCertNo',
  'highTechCertExpiresOn',
  'littleGiant',
  'businessLicenceFileId',
] as const;
export const PROVIDER_SCOPE_FIELDS = ['providerTypes', 'categoryIds', 'qualifications'] as const;

/**
 * Admission statuses in which the provider is "admitted" for editing purposes: identity edits wait
 * for a program officer. Before admission (and after rejection or delisting) edits apply at once.
 */
export const REVIEWED_EDIT_STATUSES: readonly AdmissionStatus[] = ['admitted', 'suspended', 'expired'];

/** While under review or in public notice the application is frozen: identity and scope edits are 409. */
export const UNDER_REVIEW_STATUSES: readonly AdmissionStatus[] = ['under_review', 'in_notice'];

export function bankAccountOf(org: Organization): BankAccount | null {
  return org.bankName !== null && org.bankAccountName !== null && org.bankAccountNo !== null
    ? { bankName: org.bankName, accountName: org.bankAccountName, accountNo: org.bankAccountNo, cnapsCode: org.bankCnapsCode }
    : null;
}

export function identityOf(org: Organization): OrganizationIdentity {
  return {
    name: org.name,
    regionCode: org.regionCode,
    legalRepresentative: org.legalRepresentative,
    establishedOn: org.establishedOn,
    bankAccount: bankAccountOf(org),
    controllerGroup: org.controllerGroup,
    shareholders: [...org.shareholders],
  };
}

/** Writes identity and contact values onto the entity (not saved). */
export function applyOrganizationFields(org: Organization, patch: Partial<OrganizationFields>): void {
  if (patch.name !== undefined) org.name = patch.name;
  if (patch.regionCode !== undefined) org.regionCode = patch.regionCode;
  if (patch.legalRepresentative !== undefined) org.legalRepresentative = patch.legalRepresentative;
  if (patch.establishedOn !== undefined) org.establishedOn = patch.establishedOn;
  if (patch.controllerGroup !== undefined) org.controllerGroup = patch.controllerGroup;
  if (patch.shareholders !== undefined) org.shareholders = [...patch.shareholders];
  if (patch.registeredAddress !== undefined) org.registeredAddress = patch.registeredAddress;
  if (patch.contactPhone !== undefined) org.contactPhone = patch.contactPhone;
  if (patch.bankAccount !== undefined) {
    org.bankName = patch.bankAccount?.bankName ?? null;
    org.bankAccountName = patch.bankAccount?.accountName ?? null;
    org.bankAccountNo = patch.bankAccount?.accountNo ?? null;
    org.bankCnapsCode = patch.bankAccount?.cnapsCode ?? null;
  }
}

/** A value in a comparable canonical form: sets sorted, bigints as strings, objects with sorted keys. */
function canonical(key: string, value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (typeof value === 'bigint') return value.toString();
  if (key === 'providerTypes' || key === 'categoryIds') return [...(value as string[])].map((s) => s.toLowerCase()).sort();
  if (key === 'qualifications') {
    return (value as QualificationInput[])
      .map((q) => ({ kind: q.kind, number: q.number, expiresOn: q.expiresOn ?? null, certificateFileId: q.certificateFileId ?? null }))
      .sort((a, b) => `${a.kind}|${a.number}`.localeCompare(`${b.kind}|${b.number}`));
  }
  if (key === 'bankAccount') {
    const b = value as BankAccount;
    return { bankName: b.bankName, accountName: b.accountName, accountNo: b.accountNo, cnapsCode: b.cnapsCode ?? null };
  }
  return value;
}

export function sameValue(key: string, a: unknown, b: unknown): boolean {
  return JSON.stringify(canonical(key, a)) === JSON.stringify(canonical(key, b));
}

/** The entries of `patch` (restricted to `keys`) whose value differs from `current`. */
export function changedFields<T extends object, K extends keyof T & string>(current: T, patch: Partial<T>, keys: readonly K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const k of keys) {
    const next = patch[k];
    if (next === undefined) continue;
    if (!sameValue(k, current[k], next)) out[k] = next;
  }
  return out;
}

export function isEmpty(o: object): boolean {
  return Object.keys(o).length === 0;
}

/** JSON-safe copy for audit entries and change requests (bigints as numbers of fen). */
export function jsonOf(o: object): Record<string, unknown> {
  return JSON.parse(JSON.stringify(o, (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : v))) as Record<string, unknown>;
}

/** The identity fields present in a PATCH body (undefined: not sent; null: cleared). */
export function identityPatchOf(dto: {
  name?: string;
  regionCode?: string;
  legalRepresentative?: string;
  establishedOn?: string | null;
  bankAccount?: { bankName: string; accountName: string; accountNo: string; cnapsCode?: string | null } | null;
  controllerGroup?: string | null;
  shareholders?: string[] | null;
}): Partial<OrganizationIdentity> {
  return {
    name: dto.name,
    regionCode: dto.regionCode,
    legalRepresentative: dto.legalRepresentative,
    establishedOn: dto.establishedOn,
    bankAccount: dto.bankAccount
      ? { bankName: dto.bankAccount.bankName, accountName: dto.bankAccount.accountName, accountNo: dto.bankAccount.accountNo, cnapsCode: dto.bankAccount.cnapsCode ?? null }
      : dto.bankAccount,
    controllerGroup: dto.controllerGroup,
    shareholders: dto.shareholders === null ? [] : dto.shareholders,
  };
}

/** The listed keys of `o` (missing ones as null), for audit before-images. */
export function pick(o: object, keys: readonly string[]): Record<string, unknown> {
  const src = o as Record<string, unknown>;
  return Object.fromEntries(keys.map((k) => [k, src[k] ?? null]));
}
