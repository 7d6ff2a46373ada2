// An alarm's priority as the desk orders and colours it: one table per contract value (AlarmPriority),
// so a priority the contract adds fails the type check here instead of sorting last unseen. Client-safe.
import type { AlarmPriority } from "@/lib/schemas/contract";

type PriorityLook = { rank: number; tone: "danger" | "warning" | "neutral" };

const PRIORITIES: Record<AlarmPriority, PriorityLook> = {
  critical: { rank: 0, tone: "danger" },
  high: { rank: 1, tone: "danger" },
  medium: { rank: 2, tone: "warning" },
  low: { rank: 3, tone: "neutral" },
};

const isPriority = (p: string): p is AlarmPriority => Object.hasOwn(PRIORITIES, p);

/** Sort rank, critical first; none, or a word the contract does not know, after every known one. */
export const priorityRank = (p: string | null): number => (p && isPriority(p) ? PRIORITIES[p].rank : 4);

/** The badge tone of a priority (an unknown word is shown plain). */
export const priorityTone = (p: string): PriorityLook["tone"] => (isPriority(p) ? PRIORITIES[p].tone : "neutral");
