/**
 * The claim_review_step read model (entities/claim-review-step.entity.ts), derived from the claims'
 * audit streams: a decision's review began at the stream's previous entry among the submissions,
 * resubmissions and decisions, and the level it decided is the one its `before` names. The program
 * report's review-time percentiles read these rows instead of every claim's stream.
 */

/** The audit actions that start or end a level's review. */
export const REVIEW_STREAM_ACTIONS = ['claim.submitted', 'claim.resubmitted', 'claim.approved_level', 'claim.approved', 'claim.rejected', 'claim.returned'] as const;
/** Those that end one (a reviewer's decision; its `before` names the level). */
export const REVIEW_DECISION_ACTIONS = ['claim.approved_level', 'claim.approved', 'claim.rejected', 'claim.returned'] as const;

const list = (xs: readonly string[]) => xs.map((x) => `'${x}'`).join(',');

/**
 * The row of a claim's newest decision, inserted in the decision's transaction right after its audit
 * entry ($1: the claim's id): the decision entry and the entry before it, read by the stream index.
 * Nothing when the claim's newest review entry is not a decision.
 */
export const REVIEW_STEP_INSERT_SQL = `INSERT INTO claim_review_step (claim_id, stream_seq, program_id, level, level_kind, decision, entered_at, decided_at, hours)
  SELECT c.id, d.stream_seq, c.program_id, (d.before->>'level')::int, c.levels[(d.before->>'level')::int], d.action, s.occurred_at, d.occurred_at,
         (EXTRACT(EPOCH FROM d.occurred_at - s.occurred_at) / 3600)::double precision
    FROM subsidy_claim c
    CROSS JOIN LATERAL (
      SELECT a.stream_seq, a.action, a.before, a.occurred_at FROM audit_entry a
       WHERE a.stream_type = 'claim' AND a.stream_id = c.id::text AND a.action IN (${list(REVIEW_STREAM_ACTIONS)})
       ORDER BY a.stream_seq DESC LIMIT 1) d
    CROSS JOIN LATERAL (
      SELECT a.occurred_at FROM audit_entry a
       WHERE a.stream_type = 'claim' AND a.stream_id = c.id::text AND a.action IN (${list(REVIEW_STREAM_ACTIONS)}) AND a.stream_seq < d.stream_seq
       ORDER BY a.stream_seq DESC LIMIT 1) s
   WHERE c.id = $1 AND d.action IN (${list(REVIEW_DECISION_ACTIONS)}) AND d.before ? 'level'
`;

/**
 * Every claim's decisions recomputed from the audit streams (the migration's backfill, and what the
 * tests compare the table with): claim_id, stream_seq, program_id, level, level_kind, decision,
 * entered_at, decided_at, hours.
 */
export const REVIEW_STEPS_FROM_AUDIT_SQL = `SELECT c.id AS claim_id, s.stream_seq, c.program_id, (s.before->>'level')::int AS level, c.levels[(s.before->>'level')::int] AS level_kind,
         s.action AS decision, s.started_at AS entered_at, s.occurred_at AS decided_at, (EXTRACT(EPOCH FROM s.occurred_at - s.started_at) / 3600)::double precision AS hours
    FROM subsidy_claim c
    CROSS JOIN LATERAL (
      SELECT a.stream_seq, a.action, a.occurred_at, a.before, LAG(a.occurred_at) OVER (ORDER BY a.stream_seq) AS started_at
        FROM audit_entry a
       WHERE a.stream_type = 'claim' AND a.stream_id = c.id::text AND a.action IN (${list(REVIEW_STREAM_ACTIONS)})) s
   WHERE s.action IN (${list(REVIEW_DECISION_ACTIONS)}) AND s.started_at IS NOT NULL AND s.before ? 'level'`;
