// A sensible starting set of outcome codes for a dealer, seeded by prisma/seed.ts (which runs under
// plain Node, so this file imports nothing server-only). Dealer admins edit them on /verifications/settings.
import type { OutcomeKind } from "./outcomes-schemas";

export const DEFAULT_OUTCOMES: readonly { label: string; kind: OutcomeKind }[] = [
  { label: "Police dispatched", kind: "dispatch" },
  { label: "Guard dispatched", kind: "dispatch" },
  { label: "False alarm – animal", kind: "disregard" },
  { label: "False alarm – weather", kind: "disregard" },
  { label: "Customer cancelled with passcode", kind: "disregard" },
  { label: "Test / maintenance", kind: "disregard" },
];
