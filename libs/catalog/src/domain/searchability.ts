/**
 * docs/product.md: an offering is searchable exactly when it is published, its provider is admitted
 * (not suspended, expired or delisted), and every qualification it names is held by the provider
 * and not expired (expiresOn is the last valid day, Asia/Shanghai; null never expires).
 */
export interface SearchabilityOffering {
  status: string;
  qualificationKinds: readonly string[];
}

export interface SearchabilityProvider {
  admissionStatus: string;
  qualifications: readonly { kind: string; expiresOn: string | null }[];
}

/** The qualification kinds the provider holds unexpired on `today` (YYYY-MM-DD). */
export function heldQualificationKinds(provider: Pick<SearchabilityProvider, 'qualifications'>, today: string): string[] {
  return [...new Set(provider.qualifications.filter((q) => q.expiresOn === null || q.expiresOn >= today).map((q) => q.kind))].sort();
}

/** The named kinds the provider does not hold unexpired on `today`. */
export function missingQualificationKinds(kinds: readonly string[], provider: Pick<SearchabilityProvider, 'qualifications'>, today: string): string[] {
  const held = new Set(heldQualificationKinds(provider, today));
  return kinds.filter((k) => !held.has(k));
}

export function isSearchable(offering: SearchabilityOffering, provider: SearchabilityProvider | null | undefined, today: string): boolean {
  if (offering.status !== 'published') return false;
  if (!provider || provider.admissionStatus !== 'admitted') return false;
  return missingQualificationKinds(offering.qualificationKinds, provider, today).length === 0;
}
