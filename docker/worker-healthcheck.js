// Health of a worker container, which serves no HTTP: the database answers and no outbox message
// has waited for a worker for more than five minutes (the bulk lane, which carries fan-out such as
// a program opening's re-index, fifteen). Exit 0 healthy, 1 unhealthy.
// (ESM: the root package.json, copied into the image, says "type": "module".)
import pg from 'pg';

const MAX_LAG_SECONDS = 300;
const MAX_BULK_LAG_SECONDS = 900;
const client = new pg.Client({
  connectionString: process.env.DATABASE_URL,
  connectionTimeoutMillis: 5000,
  statement_timeout: 5000,
  application_name: 'innoserve-healthcheck',
});
try {
  await client.connect();
  const { rows } = await client.query(
    `SELECT count(*)::int AS late FROM outbox_message
      WHERE status = 'pending' AND available_at < now() - make_interval(secs => CASE WHEN lane = 'bulk' THEN $2 ELSE $1 END)`,
    [MAX_LAG_SECONDS, MAX_BULK_LAG_SECONDS],
  );
  await client.end();
  if (rows[0].late > 0) {
    console.error(`${rows[0].late} outbox message(s) have waited more than ${MAX_LAG_SECONDS}s for a worker`);
    process.exit(1);
  }
} catch (e) {
  console.error(`worker health check failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}
