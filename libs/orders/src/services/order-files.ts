import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { STAFF_ROLES, codeCoversSql, jurisdictionOf, type Principal } from '@innoserve/identity';
import { FileAccessRegistry, FilesService } from '@innoserve/files';

/**
 * Files on orders: a step may attach only a file its caller uploaded; a file attached to an order
 * (the delivery report, a bank slip, a message's files) can be read by the order's parties and the
 * staff covering it (files' access registry), and by nobody else (404).
 */
@Injectable()
export class OrderFiles implements OnModuleInit {
  constructor(
    private readonly files: FilesService,
    private readonly access: FileAccessRegistry,
  ) {}

  onModuleInit(): void {
    this.access.register((m, me, fileId) => this.canRead(m, me, fileId));
  }

  assertAttachable(m: EntityManager, me: Principal, fileId: string): Promise<void> {
    return this.files.assertAttachable(m, me, fileId);
  }

  /**
   * Whether some order the file is attached to is visible to the caller: a member of either party,
   * or staff whose jurisdiction covers the order's or the provider's region (as OrdersService's
   * sides). One statement, over every such order however many there are.
   */
  private async canRead(m: EntityManager, me: Principal, fileId: string): Promise<boolean> {
    const [row] = await m.query<{ ok: boolean }[]>(
      `WITH attached AS (
         SELECT o.id FROM service_order o WHERE o.delivery_report_file_id = $1::uuid
         UNION SELECT p.order_id FROM payment p WHERE p.confirmation->>'slipFileId' = $1::text
         UNION SELECT x.order_id FROM order_message x WHERE $1::uuid = ANY(x.file_ids)
       )
       SELECT EXISTS (
         SELECT 1 FROM attached a
           JOIN service_order o ON o.id = a.id
           JOIN organization pr ON pr.id = o.provider_id
          WHERE EXISTS (SELECT 1 FROM membership mm WHERE mm.user_id = $2 AND mm.organization_id IN (o.enterprise_id, o.provider_id))
             OR EXISTS (SELECT 1 FROM unnest($3::text[]) AS j(code) WHERE ${codeCoversSql('j.code', 'o.region_code')} OR ${codeCoversSql('j.code', 'pr.region_code')})
       ) AS ok`,
      [fileId, me.userId, jurisdictionOf(me, STAFF_ROLES)],
    );
    return row?.ok === true;
  }
}

