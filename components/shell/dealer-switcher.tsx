"use client";
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { switchDealerAction } from "@/actions/dealer-switch";
import { useActionRunner } from "@/components/forms/use-action-runner";
import { usePickThenApply } from "@/components/forms/use-pick-then-apply";
import { Button } from "@/components/ui/button";
import { announceDealerSwitch, pageKeepsItsDealer, useDealerSwitches } from "./dealer-broadcast";

export type DealerOption = { id: string; companyName: string };

/**
 * Header select to change the dealer every page works on. It lists only the user's own dealers
 * (their memberships; every dealer for the organisation owner) and is shown with two or more. The
 * dealer picked changes on Switch (or Enter), and the button stays busy until the pages show it.
 * A switch is announced to the browser's other tabs (they share the cookie): each re-draws for the
 * new dealer at once, but for a page that keeps the dealer it was drawn for (the desk), which says so.
 */
export function DealerSwitcher({ dealers, currentId }: { dealers: DealerOption[]; currentId: string }) {
  const router = useRouter();
  const runner = useActionRunner(switchDealerAction);
  const [refreshing, startRefresh] = useTransition();
  const pending = runner.pending || refreshing;
  const current = useCurrentDealer(dealers, currentId);
  const { picked, setPicked, changed, selectRef, confirm, onKeyDown } = usePickThenApply(
    current.id,
    async (dealerLinkId) => {
      const r = await runner.run({ dealerLinkId }, (d) => `Now working on ${d?.companyName ?? "the chosen dealer"}`);
      if (r.ok) {
        announceDealerSwitch(dealerLinkId);
        // Shown current with the refreshed page, not before: the select is disabled until then, and the focus
        // goes back to it once the pick and the current dealer agree (usePickThenApply).
        startRefresh(() => {
          current.set(dealerLinkId);
          router.refresh();
        });
      }
      return r.ok;
    },
  );
  useDealerSwitches(({ dealerLinkId, here }) => {
    if (here || dealerLinkId === current.id) return;
    current.set(dealerLinkId);
    if (!pageKeepsItsDealer()) startRefresh(() => router.refresh());
  });
  return (
    <div className="flex min-w-0 items-center gap-2">
      <label htmlFor="dealer-switcher" className="sr-only text-xs font-medium text-slate-500 sm:not-sr-only sm:block">
        Dealer
      </label>
      <select
        id="dealer-switcher"
        ref={selectRef}
        value={picked}
        disabled={pending}
        aria-busy={pending || undefined}
        onChange={(e) => setPicked(e.target.value)}
        onKeyDown={onKeyDown}
        className={
          "h-9 w-full min-w-0 max-w-[14rem] truncate rounded-md border-0 bg-white py-1.5 pl-3 pr-8 text-sm " +
          "text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-indigo-600"
        }
      >
        {dealers.map((d) => (
          <option key={d.id} value={d.id}>
            {d.companyName}
          </option>
        ))}
      </select>
      {changed ? (
        <Button size="sm" variant="secondary" pending={pending} pendingText="Switching…" onClick={() => void confirm()}>
          Switch
        </Button>
      ) : null}
    </div>
  );
}

/**
 * The current dealer as this tab last learned it: the page's, or one switched to in another tab since (the select
 * shows the truth even on a page that keeps its own dealer, so switching back is one pick). A new page's wins.
 */
function useCurrentDealer(dealers: DealerOption[], drawnFor: string) {
  const [id, setId] = useState(drawnFor);
  const [seen, setSeen] = useState(drawnFor);
  if (seen !== drawnFor) {
    setSeen(drawnFor);
    setId(drawnFor);
  }
  // A dealer this page does not list (connected since it was drawn) cannot be shown; its re-draw brings it.
  const set = (next: string) => {
    if (dealers.some((d) => d.id === next)) setId(next);
  };
  return { id, set };
}
