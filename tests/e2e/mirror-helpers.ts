// The mirror's state (docs/mirror.md) and the CHeKT call budget as e2e specs wait on them, read straight from the
// app's Postgres.
import { expect } from "@playwright/test";
import pg from "pg";
import { CONNECTED_SQL } from "../../lib/dealer-connected";

/** Polls `query`'s first row (null when none) until it equals `expected`, for up to two minutes. */
async function pollUntil(query: string, expected: unknown, message: string) {
  const c = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  await c.connect();
  try {
    const read = async () => (await c.query(query)).rows[0] ?? null;
    await expect.poll(read, { timeout: 120_000, intervals: [500, 1000], message }).toEqual(expected);
  } finally {
    await c.end();
  }
}

/**
 * Waits until the last sweep of the seeded dealer (CHeKT dealer 1, the operator's) has finished and
 * none is running: the dashboard's age is that sweep's. An earlier spec may have queued a sweep
 * (mirror-children does), and one still running when CHeKT starts failing would never end, or would
 * be past what the spec's fault reaches.
 */
export function sweptAndIdle() {
  return pollUntil(
    `SELECT s.state, s.finished_at IS NOT NULL AS finished FROM mirror_syncs s
     JOIN dealer_links l ON l.id = s.dealer_link_id WHERE l.chekt_dealer_id = 1`,
    { state: "idle", finished: true },
    "dealer 1's mirror sweep did not finish",
  );
}

/**
 * Waits until no connected dealer's sweep is running, queued or failed (the worker's next tick resumes a
 * failed one): a sweep sends at the rate it last learned, so one under way when a spec lowers the
 * simulator's limit spends the tokens the spec means for its own call. A dealer disconnected mid-sweep
 * keeps its row as it was, and the worker never picks it up again, so it does not count.
 */
export function noSweepUnderWay() {
  return pollUntil(
    `SELECT count(*)::int AS n FROM mirror_syncs s JOIN dealer_links d ON d.id = s.dealer_link_id
     WHERE s.state IN ('running', 'queued', 'failed') AND ${CONNECTED_SQL("d")}`,
    { n: 0 },
    "a mirror sweep did not finish",
  );
}

/**
 * Waits until every credential's CHeKT budget has a call free and none is blocked: a spec that lowered the
 * simulator's limit taught the app that limit, which it keeps until its next call reads the restored one from
 * CHeKT's headers, so the next spec's first call (another credential's too, for a 429's block) found it spent and
 * was refused ("no call free for 12 s"). Read only: the app relearns the limit as it would in production.
 */
export function budgetsHaveACallFree() {
  const nowMs = "extract(epoch from clock_timestamp()) * 1000";
  return pollUntil(
    `SELECT count(*)::int AS n FROM chekt_budgets
     WHERE blocked_until_ms > ${nowMs}
        OR least(burst, tokens + greatest(0, ${nowMs} - at_ms) * per_min / 60000) < 1`,
    { n: 0 },
    "a CHeKT budget still had no call free",
  );
}
