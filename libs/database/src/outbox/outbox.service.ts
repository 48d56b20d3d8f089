import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OutboxMessage } from './outbox-message.entity.js';

/** Writes outbox rows inside the caller's transaction (never a side effect of its own). */
@Injectable()
export class OutboxService {
  async enqueue(manager: EntityManager, topic: string, payload: Record<string, unknown>): Promise<void> {
    await manager.insert(OutboxMessage, { topic, payload: payload as never });
  }
}
