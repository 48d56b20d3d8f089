/** What a service records when state changes or an administrator decides (same transaction). */
export interface AuditInput {
  /** Aggregate type, e.g. 'organization', 'user', 'program', 'order'. */
  streamType: string;
  /** Aggregate id: each (type, id) pair is its own hash chain. */
  streamId: string;
  /** What happened, e.g. 'enterprise.verified', 'provider.admission.admit'. */
  action: string;
  /** The acting user id; null for the system (sweeps, seed). */
  actorId: string | null;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
  /**
   * The caller holds a lock that every writer of this stream takes first (e.g. the aggregate's row
   * FOR UPDATE, in an earlier statement): the stream's own advisory lock is then skipped. The head
   * is still read in a statement of its own, after that lock, so it sees the previous writer's entry.
   */
  streamLockedByCaller?: boolean;
}
