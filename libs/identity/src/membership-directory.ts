/**
 * Identity imports no domain lib; the organizations lib provides this (globally) so /me can list
 * a user's memberships. Bound with { provide: MembershipDirectory, useExisting: ... }.
 */
export interface MembershipView {
  organizationId: string;
  organizationName: string;
  role: 'owner' | 'member';
  /** Which profiles the organization has: enterprise, provider or both. */
  profiles: ('enterprise' | 'provider')[];
}

export abstract class MembershipDirectory {
  abstract membershipsOf(userId: string): Promise<MembershipView[]>;
}
