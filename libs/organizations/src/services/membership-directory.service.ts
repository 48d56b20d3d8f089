import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MembershipDirectory, type MembershipView } from '@innoserve/identity';

/** GET /me's memberships, with organization names and which profiles each organization has. */
@Injectable()
export class OrganizationMembershipDirectory extends MembershipDirectory {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async membershipsOf(userId: string): Promise<MembershipView[]> {
    const rows = await this.dataSource.query<{ organization_id: string; name: string; role: 'owner' | 'member'; enterprise: boolean; provider: boolean }[]>(
      `SELECT m.organization_id, o.name, m.role,
              EXISTS (SELECT 1 FROM enterprise_profile e WHERE e.organization_id = m.organization_id) AS enterprise,
              EXISTS (SELECT 1 FROM provider_profile p WHERE p.organization_id = m.organization_id) AS provider
         FROM membership m JOIN organization o ON o.id = m.organization_id
        WHERE m.user_id = $1
        ORDER BY m.created_at, m.organization_id`,
      [userId],
    );
    return rows.map((r) => ({
      organizationId: r.organization_id,
      organizationName: r.name,
      role: r.role,
      profiles: [...(r.enterprise ? (['enterprise'] as const) : []), ...(r.provider ? (['provider'] as const) : [])],
    }));
  }
}
