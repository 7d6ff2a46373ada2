/**
 * A select-list (or RETURNING) item that makes the statement's own transaction commit without
 * waiting for its WAL to reach the disk: `synchronous_commit` set locally ends with the statement's
 * implicit transaction and is read at its commit. That wait was ~3.7 ms of a ~4.5 ms one-row write
 * on the bench machine (docs/operations.md, "Seventh round: action"). A later ordinary commit still
 * flushes it; a Postgres crash can lose the last fraction of a second of such commits, whole (never
 * a torn row). So only for writes whose loss is harmless: the CHeKT budget's token state and usage
 * counters (a lost take means a few calls more than we counted, which CHeKT's rate-limit headers and
 * a 429 correct), and a session's last-seen touch (lib/auth/session-touch.ts). Never an audit row,
 * a mapping or a mirror write. Evaluated per row: a statement that returns no row commits as usual.
 */
export const RELAXED_COMMIT = "set_config('synchronous_commit', 'off', true) AS relaxed_commit";
