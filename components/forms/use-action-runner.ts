"use client";
import { useState } from "react";
import { toast } from "sonner";
import type { ActionFailure } from "@/lib/actions/errors";
import { NETWORK_FAILURE, toOutcome, type ActionFn } from "./action-result";

/** Runs a one-shot action (delete, toggle, switch): pending state, failure kept for display, toast on success. */
export function useActionRunner<I, D>(action: ActionFn<I, D>) {
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<ActionFailure | null>(null);

  async function run(input: I, successMessage: string): Promise<{ ok: boolean; data?: D }> {
    setPending(true);
    setFailure(null);
    try {
      const outcome = toOutcome(await action(input));
      if (!outcome.ok) {
        setFailure(outcome.failure);
        toast.error(outcome.failure.message);
        return { ok: false };
      }
      toast.success(successMessage);
      return { ok: true, data: outcome.data };
    } catch {
      setFailure(NETWORK_FAILURE);
      toast.error(NETWORK_FAILURE.message);
      return { ok: false };
    } finally {
      setPending(false);
    }
  }

  return { run, pending, failure, clearFailure: () => setFailure(null) };
}
