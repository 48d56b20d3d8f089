import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Principal } from '@innoserve/identity';
import { FileAccessRegistry, FilesService } from '@innoserve/files';
import { ServiceOrder } from '../entities/service-order.entity.js';
import { OrdersService } from './orders.service.js';

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
    private readonly orders: OrdersService,
  ) {}

  onModuleInit(): void {
    this.access.register((m, me, fileId) => this.canRead(m, me, fileId));
  }

  assertAttachable(m: EntityManager, me: Principal, fileId: string): Promise<void> {
    return this.files.assertAttachable(m, me, fileId);
  }

  private async canRead(m: EntityManager, me: Principal, fileId: string): Promise<boolean> {
    const rows = await m.query<{ id: string }[]>(
      `SELECT o.id FROM service_order o WHERE o.delivery_report_file_id = $1::uuid
       UNION SELECT p.order_id FROM payment p WHERE p.confirmation->>'slipFileId' = $2::text
       UNION SELECT x.order_id FROM order_message x WHERE $1::uuid = ANY(x.file_ids)
       LIMIT 20`,
      [fileId, fileId],
    );
    for (const { id } of rows) {
      const order = await m.findOne(ServiceOrder, { where: { id } });
      if (order && (await this.orders.canRead(m, me, order))) return true;
    }
    return false;
  }
}
