"use client";
import { useState } from "react";
import type { Answer, Intent } from "@/components/verifications/queue/use-queue-work";

/**
 * Which outcome picker the detail view shows, as its React key and kind. A new picker (nothing
 * chosen: an outcome is never a default) for each kind asked for and after each `restart` (the
 * operator's Cancel); the same one, the outcome and ticked steps kept, when an answer that failed
 * closed it, so fixing the contact never means choosing them again.
 */
export function usePickerKey(intent: Intent) {
  const [kind, setKind] = useState<Answer>(intent ?? "dispatch");
  const [round, setRound] = useState(0);
  // The last kind asked for, kept while the picker is closed (React's "state from the previous render").
  if (intent && intent !== kind) setKind(intent);
  return { key: `${kind}-${round}`, kind, restart: () => setRound((r) => r + 1) };
}
