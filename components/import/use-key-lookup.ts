"use client";
// The review's server lookup (pipeline-types.ts ServerLookup) over the rows that will be sent: the
// keys are asked once the review is built, then again (only the new ones) once the typing pauses; one
// request at a time, a failure waits for Retry. The rules are key-lookup.ts's.
import { useEffect, useMemo, useRef, useState } from "react";
import type { Row } from "@/lib/bulk/columns";
import * as lookupRules from "./key-lookup";
import type { ServerLookup } from "./pipeline-types";

/** How long the typing must pause before the new keys are asked. */
const PAUSE_MS = 400;
const NO_ANSWER = "We got no answer from the server.";

export function useKeyLookup<F extends string, V>(lookup: ServerLookup<F, V> | undefined, rows: Row<F>[]) {
  const [state, setState] = useState<lookupRules.LookupState<V>>(lookupRules.initialLookup);
  const keys = useMemo(() => (lookup ? lookup.keys(rows) : []), [lookup, rows]);
  const next = lookupRules.nextAsk(state, keys);
  // The effect runs again only when what is to be asked changes, not on every render.
  const ask = next ? `${next.wait}\n${next.keys.join("\n")}` : "";
  const latest = useRef({ lookup, next });
  useEffect(() => {
    latest.current = { lookup, next };
  });

  useEffect(() => {
    if (!ask) return;
    const { lookup: current, next: pending } = latest.current;
    if (!current || !pending) return;
    const timer = setTimeout(
      async () => {
        setState((s) => lookupRules.asked(s, pending.keys));
        try {
          const answer = await current.ask(pending.keys);
          setState((s) =>
            answer.ok ? lookupRules.answered(s, pending.keys, answer.found) : lookupRules.failed(s, answer.message),
          );
        } catch {
          setState((s) => lookupRules.failed(s, NO_ANSWER));
        }
      },
      pending.wait === "now" ? 0 : PAUSE_MS,
    );
    return () => clearTimeout(timer);
  }, [ask]);

  const found = useMemo(() => lookupRules.findings(state.answers), [state.answers]);
  const status = lookupRules.lookupStatus(state, keys);
  return {
    /** What the kind's check is given: every key the server found something for. */
    found,
    status,
    /** The words of each status; null without a lookup. */
    words: lookup?.words ?? null,
    /** The send waits: a key the server has not answered is not known to be free. */
    holding: status.state === "checking" || status.state === "failed",
    retry: () => setState(lookupRules.retried),
  };
}

export type KeyLookupState = Omit<ReturnType<typeof useKeyLookup>, "found">;
