// What the receiver made of a delivery (webhook_deliveries.verdict). No imports and no "server-only":
// the delivery log's filter offers them in the browser too.
export const VERDICTS = ["accepted", "duplicate", "rejected", "malformed"] as const;
export type Verdict = (typeof VERDICTS)[number];
