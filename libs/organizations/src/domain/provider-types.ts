/** Provider types (docs/api.md `providerTypes`) and the qualifications providers hold. */
import type { BilingualMessage } from '@innoserve/core';

export const PROVIDER_TYPES = ['tech_transfer', 'incubator', 'ip_service', 'testing_lab', 'rd_design', 'pilot_scale', 'consulting'] as const;
export type ProviderType = (typeof PROVIDER_TYPES)[number];

export const PROVIDER_TYPE_LABELS: Readonly<Record<ProviderType, BilingualMessage>> = {
  tech_transfer: { zh: '技术转移机构', en: 'Technology transfer agency' },
  incubator: { zh: '众创空间/孵化器', en: 'Maker space or incubator' },
  ip_service: { zh: '知识产权服务机构', en: 'Intellectual property service firm' },
  testing_lab: { zh: '检验检测认证机构', en: 'Testing, inspection and certification lab' },
  rd_design: { zh: '研发设计机构', en: 'R&D and design firm' },
  pilot_scale: { zh: '中试熟化平台', en: 'Pilot-scale facility' },
  consulting: { zh: '科技咨询机构', en: 'Science and technology consultancy' },
};

export const QUALIFICATION_KINDS = [
  'CMA',
  'CNAS',
  'PATENT_AGENCY',
  'MAKERSPACE_NATIONAL',
  'MAKERSPACE_PROVINCIAL',
  'MAKERSPACE_MUNICIPAL',
  'HIGH_TECH_INCUBATOR',
] as const;
export type QualificationKind = (typeof QUALIFICATION_KINDS)[number];

export const QUALIFICATION_KIND_LABELS: Readonly<Record<QualificationKind, BilingualMessage>> = {
  CMA: { zh: '检验检测机构资质认定（CMA）', en: 'China Inspection Body and Laboratory Mandatory Approval (CMA)' },
  CNAS: { zh: '中国合格评定国家认可委员会实验室认可（CNAS）', en: 'CNAS laboratory accreditation' },
  PATENT_AGENCY: { zh: '专利代理机构执业许可证', en: 'Patent agency licence' },
  MAKERSPACE_NATIONAL: { zh: '国家级众创空间', en: 'National maker space' },
  MAKERSPACE_PROVINCIAL: { zh: '省级众创空间', en: 'Provincial maker space' },
  MAKERSPACE_MUNICIPAL: { zh: '市级众创空间', en: 'Municipal maker space' },
  HIGH_TECH_INCUBATOR: { zh: '科技企业孵化器', en: 'Technology business incubator' },
};

/** The provider types a qualification typically belongs to (for hints in the admission form). */
export const QUALIFICATION_PROVIDER_TYPES: Readonly<Record<QualificationKind, readonly ProviderType[]>> = {
  CMA: ['testing_lab'],
  CNAS: ['testing_lab'],
  PATENT_AGENCY: ['ip_service'],
  MAKERSPACE_NATIONAL: ['incubator'],
  MAKERSPACE_PROVINCIAL: ['incubator'],
  MAKERSPACE_MUNICIPAL: ['incubator'],
  HIGH_TECH_INCUBATOR: ['incubator'],
};

export function isProviderType(value: unknown): value is ProviderType {
  return typeof value === 'string' && (PROVIDER_TYPES as readonly string[]).includes(value);
}

export function isQualificationKind(value: unknown): value is QualificationKind {
  return typeof value === 'string' && (QUALIFICATION_KINDS as readonly string[]).includes(value);
}
