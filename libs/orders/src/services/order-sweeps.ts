import { Injectable, Logger } from '@nestjs/common';
import { Clock, DomainError, shanghaiDate } from '@innoserve/core';
import { SCHEDULED_JOB, type ScheduledJob } from '@innoserve/database';
import { OrdersService } from './orders.service.js';

const BATCH = 200;
const HOUR = 60 * 60 * 1000;

/**
 * The worker's order jobs (docs/product.md "Orders"), each an hourly scheduled job on the
 * PostgreSQL scheduler (one instance at a time across replicas):
 * - automatic completion of deliveries neither accepted nor disputed within 14 days;
 * - cancellation of contracts unpaid for 14 days (the hold is released);
 * - a staff flag on orders paid but not started within 30 days.
 * Each order goes through the same command as a person's, in its own transaction under the order's
 * row lock, re-checked after locking; an order that moved on meanwhile is skipped, so a run repeated
 * after a crash does nothing twice.
 */
@Injectable()
export class OrderSweeps {
  private readonly logger = new Logger('OrderSweeps');

  readonly [SCHEDULED_JOB]: ScheduledJob[] = [
    { name: 'orders.auto-complete', intervalMs: HOUR, run: async () => this.log('auto-completed', await this.autoComplete()) },
    { name: 'orders.cancel-unpaid', intervalMs: HOUR, run: async () => this.log('cancelled unpaid', await this.cancelUnpaid()) },
    { name: 'orders.flag-unstarted', intervalMs: HOUR, run: async () => this.log('flagged unstarted', await this.flagUnstarted()) },
  ];

  constructor(
    private readonly orders: OrdersService,
    private readonly clock: Clock,
  ) {}

  /** Deliveries whose 14 days have passed (the last day counts until 24:00 Asia/Shanghai). */
  async autoComplete(): Promise<number> {
    return this.each('delivered', async (id) => (await this.orders.complete('system', id)) !== null);
  }

  /** Contracts whose 14 days to pay have passed: cancelled, hold released. */
  async cancelUnpaid(): Promise<number> {
    return this.each('contracted', async (id) => (await this.orders.cancel('system', id, '合同签订后14日内未付款，系统自动取消 / unpaid 14 days after the contract')) !== null);
  }

  async flagUnstarted(): Promise<number> {
    return this.each('paid', (id) => this.orders.flagStartOverdue(id));
  }

  private async each(status: 'delivered' | 'contracted' | 'paid', act: (id: string) => Promise<boolean>): Promise<number> {
    const today = shanghaiDate(this.clock.now());
    let n = 0;
    // keyset pages by id: an order that stays due (it refused, or moved on) never hides the ones after it
    let after: string | undefined;
    for (;;) {
      const ids = await this.orders.dueOrders(status, today, BATCH, after);
      if (ids.length === 0) return n;
      after = ids[ids.length - 1];
      for (const id of ids) {
        try {
          if (await act(id)) n++;
        } catch (e) {
          // moved on meanwhile (ILLEGAL_TRANSITION and the like): the next run sees the new state
          if (!(e instanceof DomainError)) throw e;
        }
      }
    }
  }

  private log(what: string, n: number): void {
    if (n > 0) this.logger.log(`${what} ${n} order(s)`);
  }
}
