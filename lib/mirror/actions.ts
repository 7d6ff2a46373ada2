"use server";
// The Refresh button of the freshness line (components/mirror/freshness.tsx): re-reads what the
// page shows from CHeKT at the interactive "read" class; on the dashboard, whose counts only the sweep
// keeps, it starts or joins the dealer's sweep instead (lib/mirror/start-sync.ts). Reads, not changes:
// notAudited in the action client (no audit row unless refused).
import { z } from "zod";
import { dealerActionClient } from "@/lib/actions/client";
import { runInteractive } from "@/lib/chekt/budget-wait";
import { ActionError } from "@/lib/actions/errors";
import { refreshNow } from "./refresh";
import { startOrJoinSweep } from "./start-sync";
import { mirrorTargetSchema } from "./targets";

const REFRESH_WAIT_MS = 8_000;

const inputSchema = z.object({ targets: z.array(mirrorTargetSchema).min(1).max(5) });

export const refreshMirrorAction = dealerActionClient
  .metadata({ name: "mirror.refresh", role: "viewer", objectKind: "mirror", notAudited: true })
  .inputSchema(inputSchema)
  .action(async ({ parsedInput, ctx }) => {
    // A person is waiting: give up after REFRESH_WAIT_MS (a 429 storm would otherwise hold the
    // button for the client's whole deadline); the page keeps showing the mirror's copy.
    const signal = AbortSignal.timeout(REFRESH_WAIT_MS);
    let outcomes;
    try {
      // Interactive: a re-read that would wait long for the budget is handed back to the page
      // (budget_wait, nothing sent), which counts down "refreshing in N s" with Cancel
      // (components/mirror/freshness.tsx) instead of a spinner that ends in "busy".
      outcomes = await runInteractive(() =>
        refreshNow(ctx.scope, parsedInput.targets, { traceId: ctx.traceId, budgetClass: "read", signal }),
      );
    } catch (e) {
      if (!signal.aborted) throw e;
      throw new ActionError(
        "busy",
        `CHeKT did not answer within ${REFRESH_WAIT_MS / 1000} s (it is rate-limiting us or down).`,
      );
    }
    if (outcomes.length === 0) throw new ActionError("invalid_input", "Nothing to refresh.");
    return { gone: outcomes.some((o) => o.result === "gone"), at: new Date().toISOString() };
  });

export const refreshBySweepAction = dealerActionClient
  .metadata({ name: "mirror.refresh_sweep", role: "viewer", objectKind: "mirror", notAudited: true })
  .action(async ({ ctx }) => ({ sweep: await startOrJoinSweep(ctx.scope.dealerLinkId) }));
