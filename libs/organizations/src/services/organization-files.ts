import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { FileAccessRegistry, FilesService, fileNotAttachable } from '@innoserve/files';
import { CITY_CODE, staffCovers, type Principal, type StaffRole } from '@innoserve/identity';

/** Who decides on what the files prove (docs/api.md): as VERIFICATION_ROLES and ADMISSION_ROLES. */
const LICENCE_READERS: readonly StaffRole[] = ['county_reviewer', 'program_officer'];
const CERTIFICATE_READERS: readonly StaffRole[] = ['program_officer'];

/**
 * The organization's documents: the enterprise's business licence (营业执照) and the provider's
 * qualification certificates, as uploaded files.
 *
 * - Attaching: a file the caller uploaded, or one the organization already holds (a colleague's
 *   upload kept on the next edit); anything else 422 FILE_NOT_FOUND.
 * - Reading (files' access registry): the organization's members, and the staff who may decide on
 *   it: a licence the county reviewers of its region and program officers covering it; a
 *   certificate (live, or in a pending change request) the city-wide program officers, since
 *   admission belongs to the city. Everyone else 404.
 */
@Injectable()
export class OrganizationFiles implements OnModuleInit {
  constructor(
    private readonly files: FilesService,
    private readonly access: FileAccessRegistry,
  ) {}

  onModuleInit(): void {
    this.access.register((m, me, fileId) => this.canRead(m, me, fileId));
  }

  /** Each given file id is the caller's upload or already the organization's (organizationId null: a new registration). */
  async assertAttachable(m: EntityManager, userId: string, organizationId: string | null, files: readonly { fileId: string | null | undefined; field: string }[]): Promise<void> {
    for (const { fileId, field } of files) {
      if (fileId === null || fileId === undefined) continue;
      if (await this.files.isUploadedBy(m, userId, fileId)) continue;
      if (organizationId !== null && (await this.holds(m, organizationId, fileId))) continue;
      throw fileNotAttachable(field);
    }
  }

  private async holds(m: EntityManager, organizationId: string, fileId: string): Promise<boolean> {
    const [row] = await m.query<{ ok: boolean }[]>(
      `SELECT EXISTS (SELECT 1 FROM enterprise_profile WHERE organization_id = $1 AND business_licence_file_id = $2::uuid)
           OR EXISTS (SELECT 1 FROM provider_qualification WHERE organization_id = $1 AND certificate_file_id = $2::uuid) AS ok`,
      [organizationId, fileId.toLowerCase()],
    );
    return row?.ok === true;
  }

  private async canRead(m: EntityManager, me: Principal, fileId: string): Promise<boolean> {
    const rows = await m.query<{ organization_id: string; region_code: string; kind: 'licence' | 'certificate'; member: boolean }[]>(
      `WITH held AS (
         SELECT e.organization_id, 'licence' AS kind FROM enterprise_profile e WHERE e.business_licence_file_id = $1::uuid
         UNION SELECT q.organization_id, 'certificate' FROM provider_qualification q WHERE q.certificate_file_id = $1::uuid
         UNION SELECT r.organization_id, 'certificate' FROM provider_change_request r
                WHERE r.status = 'pending' AND r.changes->'qualifications' @> jsonb_build_array(jsonb_build_object('certificateFileId', $1::text))
       )
       SELECT h.organization_id, o.region_code, h.kind,
              EXISTS (SELECT 1 FROM membership mm WHERE mm.organization_id = h.organization_id AND mm.user_id = $2) AS member
         FROM held h JOIN organization o ON o.id = h.organization_id`,
      [fileId, me.userId],
    );
    return rows.some(
      (r) => r.member || (r.kind === 'licence' ? staffCovers(me, LICENCE_READERS, r.region_code) : staffCovers(me, CERTIFICATE_READERS, CITY_CODE)),
    );
  }
}
