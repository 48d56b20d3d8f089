/**
 * Pure rules of a program: which funding sources apply to a region and whether their shares add
 * up, eligibility of an enterprise (each failing rule named), and the lottery's draw order.
 */
import { createHmac } from 'node:crypto';
import type { Fen, FieldError } from '@innoserve/core';
import { codeCovers } from '@innoserve/identity';
import type { SourceShare } from '../funding/funding-split.js';
import type { Eligibility, FundingSource, RequiredFlag } from './program-types.js';

/** A region source applies to enterprises of its region (a city code covers its counties); a source without region to all. */
export function sourceApplies(source: FundingSource, regionCode: string): boolean {
  return source.regionCode === null || codeCovers(source.regionCode, regionCode);
}

/** The sources applying to an enterprise of `regionCode`, in the program's listed order. */
export function sharesFor(sources: readonly FundingSource[], regionCode: string): SourceShare[] {
  return sources.filter((s) => sourceApplies(s, regionCode)).map((s) => ({ key: s.key, shareBp: s.shareBp }));
}

/**
 * Field errors of the funding sources: unique keys, and for every eligible region (the eligibility
 * regions, every region a source names, and "any other region" when eligibility is unrestricted)
 * the applicable shares sum to 10,000 bp.
 */
export function fundingSourceErrors(sources: readonly FundingSource[], eligibleRegions: readonly string[]): FieldError[] {
  const errors: FieldError[] = [];
  if (sources.length === 0) errors.push({ field: 'fundingSources', message: 'at least one funding source is required' });
  const keys = new Set<string>();
  sources.forEach((s, i) => {
    if (keys.has(s.key)) errors.push({ field: `fundingSources.${i}.key`, message: `duplicate source key ${s.key}` });
    keys.add(s.key);
    if (s.regionCode !== null && eligibleRegions.length > 0 && !eligibleRegions.some((r) => codeCovers(r, s.regionCode!) || codeCovers(s.regionCode!, r))) {
      errors.push({ field: `fundingSources.${i}.regionCode`, message: `region ${s.regionCode} is not an eligible region` });
    }
  });
  const regions = new Set<string>([...eligibleRegions, ...sources.flatMap((s) => (s.regionCode ? [s.regionCode] : []))]);
  const checks: { label: string; sum: number }[] = [...regions].sort().map((r) => ({
    label: r,
    sum: sources.filter((s) => sourceApplies(s, r)).reduce((a, s) => a + s.shareBp, 0),
  }));
  for (const city of eligibleRegions.filter(isCityCode)) {
    // counties of an eligible city without a pool of their own get only the city-wide sources
    checks.push({ label: `other counties of ${city}`, sum: sources.filter((s) => s.regionCode === null || s.regionCode === city).reduce((a, s) => a + s.shareBp, 0) });
  }
  if (eligibleRegions.length === 0) checks.push({ label: 'any other region', sum: sources.filter((s) => s.regionCode === null).reduce((a, s) => a + s.shareBp, 0) });
  for (const c of checks) {
    if (c.sum !== 10_000) errors.push({ field: 'fundingSources', message: `shares applicable to ${c.label} sum to ${c.sum} bp, not 10000` });
  }
  return errors;
}

function isCityCode(code: string): boolean {
  return /^\d{4}00$/.test(code) && !code.endsWith('0000');
}

/** What eligibility needs to know of an enterprise. */
export interface EligibilitySubject {
  regionCode: string;
  establishedOn: string | null;
  blacklistedUntil: string | null;
  enterprise: {
    status: string;
    sizeClass: string;
    techSmeNo: string | null;
    highTechCertNo: string | null;
    highTechCertExpiresOn: string | null;
  } | null;
}

/** Whether the enterprise holds an unexpired 高新技术企业 certificate on `today` (YYYY-MM-DD). */
export function hasHighTech(e: Pick<NonNullable<EligibilitySubject['enterprise']>, 'highTechCertNo' | 'highTechCertExpiresOn'> | null | undefined, today: string): boolean {
  return !!e?.highTechCertNo && (e.highTechCertExpiresOn === null || e.highTechCertExpiresOn >= today);
}

/** The smallest of some amounts of fen. */
export function minFen(...xs: Fen[]): Fen {
  return xs.reduce((a, b) => (b < a ? b : a));
}

/**
 * A group's annual cap in a program (docs/product.md "Caps"): the high-tech cap when it is set, higher,
 * and any enterprise of the group holds an unexpired 高新技术企业 certificate on `today`.
 */
export function groupCapOf(
  caps: { enterpriseAnnualCapFen: Fen; highTechAnnualCapFen: Fen | null },
  groupCertificates: readonly Parameters<typeof hasHighTech>[0][],
  today: string,
): Fen {
  const high = caps.highTechAnnualCapFen;
  if (high === null || high <= caps.enterpriseAnnualCapFen) return caps.enterpriseAnnualCapFen;
  return groupCertificates.some((c) => hasHighTech(c, today)) ? high : caps.enterpriseAnnualCapFen;
}

/** Whole months from `from` to `to` (both YYYY-MM-DD). */
export function monthsBetween(from: string, to: string): number {
  const [fy, fm, fd] = from.split('-').map(Number);
  const [ty, tm, td] = to.split('-').map(Number);
  return (ty - fy) * 12 + (tm - fm) - (td < fd ? 1 : 0);
}

const FLAG_LABEL: Record<RequiredFlag, string> = { tech_sme: '科技型中小企业 registration', high_tech: 'unexpired 高新技术企业 certificate' };

/** Every eligibility rule the enterprise fails on `today`, each named; empty when eligible. */
export function eligibilityErrors(rules: Eligibility, subject: EligibilitySubject, today: string): FieldError[] {
  const errors: FieldError[] = [];
  const e = subject.enterprise;
  if (!e || e.status !== 'verified') errors.push({ field: 'verified', message: 'the enterprise is not verified' });
  if (subject.blacklistedUntil !== null && subject.blacklistedUntil >= today) errors.push({ field: 'blacklisted', message: `the enterprise is blacklisted until ${subject.blacklistedUntil}` });
  if (rules.sizeClasses.length > 0 && (!e || !rules.sizeClasses.includes(e.sizeClass))) {
    errors.push({ field: 'sizeClasses', message: `size class ${e?.sizeClass ?? 'unknown'} is not one of ${rules.sizeClasses.join(', ')}` });
  }
  if (rules.regionCodes.length > 0 && !rules.regionCodes.some((r) => codeCovers(r, subject.regionCode))) {
    errors.push({ field: 'regionCodes', message: `region ${subject.regionCode} is not eligible` });
  }
  for (const flag of rules.requiredFlags) {
    const ok = flag === 'tech_sme' ? !!e?.techSmeNo : hasHighTech(e, today);
    if (!ok) errors.push({ field: `requiredFlags.${flag}`, message: `requires a ${FLAG_LABEL[flag]}` });
  }
  if (rules.minMonthsRegistered !== null && rules.minMonthsRegistered > 0) {
    const months = subject.establishedOn ? monthsBetween(subject.establishedOn, today) : -1;
    if (months < rules.minMonthsRegistered) {
      errors.push({ field: 'minMonthsRegistered', message: `registered ${months < 0 ? 'unknown' : months} months ago, at least ${rules.minMonthsRegistered} required` });
    }
  }
  return errors;
}

/** The lottery's order: by HMAC-SHA256(seed, id), ties by id. The same seed and ids give the same order. */
export function drawOrder(seed: string, ids: readonly string[]): string[] {
  const keyed = ids.map((id) => ({ id, k: createHmac('sha256', seed).update(id.toLowerCase()).digest('hex') }));
  keyed.sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return keyed.map((x) => x.id);
}

/** Dec 31 of the fiscal year. */
export function defaultGrantExpiry(fiscalYear: number): string {
  return `${fiscalYear}-12-31`;
}
