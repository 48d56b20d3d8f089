import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ForbiddenError, IllegalTransitionError, NotFoundError, isUuid, msg, offsetOf, pageOf, type Page } from '@innoserve/core';
import { TransactionRunner } from '@innoserve/database';
import { AuditService } from '@innoserve/audit';
import type { Principal } from '@innoserve/identity';
import { OrganizationsService } from '@innoserve/organizations';
import { OrderMessage } from '../entities/order-message.entity.js';
import { OrderReview } from '../entities/order-review.entity.js';
import { ServiceOrder } from '../entities/service-order.entity.js';
import type { OrderMessageDto, OrderReviewDto } from '../dto/order-conversation.dto.js';
import { partyOnly, reviewExists } from './order-errors.js';
import { OrdersService } from './orders.service.js';

/**
 * The thread of messages between an order's parties (with files), and the enterprise's review of a
 * completed order, which feeds the provider's rating (average and count; search's rating sort).
 */
@Injectable()
export class OrderConversationService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly organizations: OrganizationsService,
    private readonly orders: OrdersService,
  ) {}

  /** The thread, oldest first: the parties and the staff covering the order. */
  async messages(me: Principal, orderId: string, q: { page: number; pageSize: number }): Promise<Page<OrderMessageDto>> {
    return this.tx.run(async (m) => {
      const order = await this.visible(m, me, orderId);
      const [rows, total] = await m.findAndCount(OrderMessage, { where: { orderId: order.id }, order: { createdAt: 'ASC', id: 'ASC' }, skip: offsetOf(q), take: q.pageSize });
      return pageOf(rows.map(messageView), total, q);
    });
  }

  /** A party writes to the other (staff read, they do not write here). Files must be the author's uploads. */
  async post(me: Principal, orderId: string, input: { body: string; fileIds?: string[] }, assertFile: (m: EntityManager, fileId: string) => Promise<void>): Promise<OrderMessageDto> {
    return this.tx.run(async (m) => {
      // the order's row locked: a message is an event on the order's audit stream (the other party is told)
      const order = await this.visible(m, me, orderId, true);
      const side = await this.sideOf(m, me, order);
      if (!side) throw new ForbiddenError(msg('Only the parties of the order write in its thread.', '只有订单双方可以留言。'));
      for (const f of input.fileIds ?? []) await assertFile(m, f);
      const message = m.create(OrderMessage, { orderId: order.id, authorId: me.userId, side, body: input.body, fileIds: [...new Set(input.fileIds ?? [])] });
      await m.save(message);
      await this.audit.record(m, { streamType: 'order', streamId: order.id, action: 'order.message', actorId: me.userId, after: { messageId: message.id, side }, streamLockedByCaller: true });
      return messageView(message);
    });
  }

  /** The enterprise reviews a completed order once (1–5 and a comment); the provider's rating moves. */
  async review(me: Principal, orderId: string, input: { rating: number; comment: string }): Promise<OrderReviewDto> {
    return this.tx.run(async (m) => {
      const order = await this.visible(m, me, orderId, true);
      if ((await this.organizations.membershipRole(order.enterpriseId, me.userId, m)) === null || order.providerActorIds.includes(me.userId)) throw partyOnly('enterprise');
      if (order.status !== 'completed') throw new IllegalTransitionError('order', order.status, 'review');
      if (await m.findOne(OrderReview, { where: { orderId: order.id } })) throw reviewExists();
      const review = m.create(OrderReview, {
        orderId: order.id,
        providerId: order.providerId,
        offeringId: order.offeringId,
        enterpriseId: order.enterpriseId,
        authorId: me.userId,
        rating: input.rating,
        comment: input.comment,
      });
      await m.insert(OrderReview, review);
      await this.organizations.addProviderRating(m, order.providerId, input.rating);
      await this.audit.record(m, { streamType: 'order', streamId: order.id, action: 'order.reviewed', actorId: me.userId, after: { rating: input.rating } });
      return reviewView(review);
    });
  }

  private async visible(m: EntityManager, me: Principal, orderId: string, lock = false): Promise<ServiceOrder> {
    const order = isUuid(orderId) ? await m.findOne(ServiceOrder, { where: { id: orderId }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) }) : null;
    if (!order || !(await this.orders.canRead(m, me, order))) throw new NotFoundError('order');
    return order;
  }

  private async sideOf(m: EntityManager, me: Principal, order: ServiceOrder): Promise<'enterprise' | 'provider' | null> {
    const enterprise = (await this.organizations.membershipRole(order.enterpriseId, me.userId, m)) !== null;
    const provider = (await this.organizations.membershipRole(order.providerId, me.userId, m)) !== null;
    if (enterprise && provider) return order.providerActorIds.includes(me.userId) ? 'provider' : 'enterprise';
    return enterprise ? 'enterprise' : provider ? 'provider' : null;
  }
}

function messageView(x: OrderMessage): OrderMessageDto {
  return { id: x.id, authorId: x.authorId, side: x.side, body: x.body, fileIds: x.fileIds, createdAt: x.createdAt.toISOString() };
}

function reviewView(r: OrderReview): OrderReviewDto {
  return { orderId: r.orderId, providerId: r.providerId, rating: r.rating, comment: r.comment, createdAt: r.createdAt.toISOString() };
}
