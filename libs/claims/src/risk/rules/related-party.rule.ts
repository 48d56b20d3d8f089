import type { EntityManager } from 'typeorm';
import { queryPrepared } from '@innoserve/database';
import type { RiskThresholds } from '@innoserve/vouchers';
import type { ClaimUnderReview, RiskFlag, RiskRule, RiskSeverity } from '../risk-rule.js';

/**
 * A value carried by at least this many organizations besides the two parties is a hub: the
 * address of a business centre, the phone of an accounting agency (its clients list it), a fund
 * that holds shares in many firms. Sharing a hub is not by itself a personal link. Three: two firms
 * sharing a phone with nobody else, or with one more, is how a family or a front company looks; an
 * agency or a fund serves dozens.
 *
 * A person's name is never a hub: a legal representative or a shareholder named in many firms is
 * either a common name (王伟) or a nominee (挂名法人) — the register has no identity number to tell
 * them apart, and for one given pair a namesake is rare while a nominee is the very thing to see.
 * The flag says how many other organizations carry the name (counted up to this number), and is
 * medium instead of high when that reaches it.
 */
export const RELATED_PARTY_HUB_OTHERS = 3;

/** An institutional shareholder (a fund, a company, a partnership) rather than a person. */
export function isInstitutionName(name: string): boolean {
  return /公司|基金|合伙|投资|集团|资本|创投|控股|银行|中心|研究院|大学|协会|企业|有限|fund|capital|ltd|inc/i.test(name) || [...name].length > 6;
}

/** What two organizations can share. Hub-prone kinds are checked against the rest of the register. */
export type RelatedPartyLinkKind =
  | 'controller_group'
  | 'bank_account'
  | 'ownership'
  | 'legal_representative'
  | 'representative_is_shareholder'
  | 'shareholder'
  | 'registered_address'
  | 'contact_phone';

/** Kinds that alone make the flag high (a person's name only when no more than a hub's count of others carry it). */
const STRONG: ReadonlySet<RelatedPartyLinkKind> = new Set(['controller_group', 'bank_account', 'ownership', 'legal_representative', 'representative_is_shareholder']);

interface OrgRow {
  id: string;
  /** A provider admitted as an incubator or maker space (孵化器/众创空间): its tenants register at its address. */
  incubator: boolean;
  name: string;
  legal_representative: string;
  registered_address: string;
  contact_phone: string;
  bank_account_no: string | null;
  shareholders: string[];
  controller_group: string | null;
}

interface Link {
  kind: RelatedPartyLinkKind;
  value: string;
  /** How the other organizations carrying the value are counted in `organization` (null: not counted). */
  lookup: 'address' | 'phone' | 'person' | 'institution' | null;
  /** Whether enough others carrying it make it a hub (no link); persons are counted for the evidence only. */
  hubProne: boolean;
}

const clean = (v: string | null | undefined): string => (v ?? '').trim();

/** The values the two organizations share, before the hub check. */
function sharedValues(a: OrgRow, b: OrgRow): Link[] {
  const links: Link[] = [];
  const same = (x: string | null, y: string | null): string | null => {
    const cx = clean(x);
    return cx !== '' && cx === clean(y) ? cx : null;
  };
  const group = same(a.controller_group, b.controller_group);
  if (group) links.push({ kind: 'controller_group', value: group, lookup: null, hubProne: false });
  const account = same(a.bank_account_no, b.bank_account_no);
  if (account) links.push({ kind: 'bank_account', value: account, lookup: null, hubProne: false });
  const holdersA = new Set(a.shareholders.map(clean).filter(Boolean));
  const holdersB = new Set(b.shareholders.map(clean).filter(Boolean));
  if (holdersA.has(clean(b.name))) links.push({ kind: 'ownership', value: clean(b.name), lookup: null, hubProne: false });
  if (holdersB.has(clean(a.name))) links.push({ kind: 'ownership', value: clean(a.name), lookup: null, hubProne: false });
  const rep = same(a.legal_representative, b.legal_representative);
  if (rep) links.push({ kind: 'legal_representative', value: rep, lookup: 'person', hubProne: false });
  for (const [rep1, holders2] of [
    [clean(a.legal_representative), holdersB],
    [clean(b.legal_representative), holdersA],
  ] as const) {
    if (rep1 !== '' && rep1 !== rep && holders2.has(rep1)) links.push({ kind: 'representative_is_shareholder', value: rep1, lookup: 'person', hubProne: false });
  }
  for (const h of holdersA) {
    if (!holdersB.has(h)) continue;
    const institution = isInstitutionName(h);
    links.push({ kind: 'shareholder', value: h, lookup: institution ? 'institution' : 'person', hubProne: institution });
  }
  const address = same(a.registered_address, b.registered_address);
  if (address && !a.incubator && !b.incubator) links.push({ kind: 'registered_address', value: address, lookup: 'address', hubProne: true });
  const phone = same(a.contact_phone, b.contact_phone);
  if (phone) links.push({ kind: 'contact_phone', value: phone, lookup: 'phone', hubProne: true });
  return links;
}

const LOOKUP_SQL: Record<NonNullable<Link['lookup']>, (p: string) => string> = {
  address: (p) => `registered_address = ${p}`,
  phone: (p) => `contact_phone = ${p}`,
  // a person appears as a legal representative or as a shareholder (GIN index on shareholders)
  person: (p) => `(legal_representative = ${p} OR shareholders @> ARRAY[${p}]::text[])`,
  institution: (p) => `shareholders @> ARRAY[${p}]::text[]`,
};

/**
 * related_party: the enterprise and the provider share a controller group, a bank account, a
 * legal representative, a shareholder, a registered address or a phone, or one holds shares of the
 * other, or one's legal representative holds shares of the other. A shared address, phone or
 * institutional shareholder that at least RELATED_PARTY_HUB_OTHERS other organizations also carry
 * is a hub and not by itself a link; it is still listed in the evidence of a flag raised by another link.
 * The address of an incubator is its tenants' registered address by design (an incubator with
 * two tenants on the platform is as ordinary as one with forty), so an address shared with an
 * incubator is no link at all; its people, phone and account still are.
 * Cost: two primary-key reads (with the provider profile) and, only for values the two share, a bounded count (LIMIT
 * RELATED_PARTY_HUB_OTHERS) on indexes of organization — independent of the order history.
 */
export class RelatedPartyRule implements RiskRule {
  readonly key = 'related_party' as const;

  async evaluate(m: EntityManager, claim: ClaimUnderReview, _t: RiskThresholds): Promise<RiskFlag | null> {
    const rows = await queryPrepared<OrgRow>(m, 
      `SELECT o.id, o.name, o.legal_representative, o.registered_address, o.contact_phone, o.bank_account_no, o.shareholders, o.controller_group,
              coalesce(p.provider_types @> ARRAY['incubator']::text[], false) AS incubator
         FROM organization o LEFT JOIN provider_profile p ON p.organization_id = o.id
        WHERE o.id = ANY($1::uuid[])`,
      [[claim.enterpriseId, claim.providerId]],
    );
    const enterprise = rows.find((r) => r.id === claim.enterpriseId);
    const provider = rows.find((r) => r.id === claim.providerId);
    if (!enterprise || !provider) return null;
    const candidates = sharedValues(enterprise, provider);
    if (candidates.length === 0) return null;

    const hubChecked = candidates.filter((c) => c.lookup !== null);
    const others = new Map<Link, number>();
    if (hubChecked.length > 0) {
      const params: unknown[] = [claim.enterpriseId, claim.providerId, RELATED_PARTY_HUB_OTHERS];
      const columns = hubChecked.map((c, i) => {
        params.push(c.value);
        const where = LOOKUP_SQL[c.lookup!](`$${params.length}`);
        return `(SELECT count(*)::int FROM (SELECT 1 FROM organization WHERE ${where} AND id <> $1 AND id <> $2 LIMIT $3) s) AS c${i}`;
      });
      const [counts] = await queryPrepared<Record<string, number>>(m, `SELECT ${columns.join(', ')}`, params);
      hubChecked.forEach((c, i) => others.set(c, counts[`c${i}`]));
    }
    const common = (c: Link): boolean => (others.get(c) ?? 0) >= RELATED_PARTY_HUB_OTHERS;
    const isHub = (c: Link): boolean => c.hubProne && common(c);
    const links = candidates.filter((c) => !isHub(c));
    if (links.length === 0) return null;
    const hubs = candidates.filter(isHub);

    const kinds = new Set(links.map((l) => l.kind));
    const strong = links.some((l) => STRONG.has(l.kind) && !(l.lookup === 'person' && common(l)));
    const severity: RiskSeverity = strong || kinds.size >= 2 ? 'high' : 'medium';
    return {
      rule: this.key,
      severity,
      evidence: {
        shared: links.map((l) => ({ kind: l.kind, value: l.value, ...(others.has(l) ? { otherOrganizations: others.get(l) } : {}) })),
        ...(hubs.length > 0
          ? { alsoSharedCommonValues: hubs.map((h) => ({ kind: h.kind, value: h.value, otherOrganizations: `≥${RELATED_PARTY_HUB_OTHERS}` })) }
          : {}),
      },
    };
  }
}
