"use client";
import { switchDealerAction } from "@/actions/dealer-switch";
import { useActionRunner } from "@/components/forms/use-action-runner";
import { usePickThenApply } from "@/components/forms/use-pick-then-apply";
import { Button } from "@/components/ui/button";
import { toolbarControl } from "@/components/ui/control-classes";
import { cn } from "@/components/ui/cn";
import { useDealerTab } from "./dealer-tab";

export type DealerOption = { id: string; companyName: string };

/**
 * Header select to change the dealer every page works on. It lists only the user's own dealers
 * (their memberships; every dealer for the organisation owner) and is shown with two or more. The
 * dealer picked changes on Switch (or Enter), and the button stays busy until the pages show it.
 * A switch is announced to the browser's other tabs (they share the cookie; components/shell/dealer-tab.tsx).
 */
export function DealerSwitcher({ dealers, currentId }: { dealers: DealerOption[]; currentId: string }) {
  const runner = useActionRunner(switchDealerAction);
  const tab = useDealerTab();
  const pending = runner.pending || tab.refreshing;
  // The dealer current now, even on a page that keeps its own (switching back is one pick). One this page does not
  // list (connected since it was drawn) cannot be shown: the page's stays, until a re-draw brings it.
  const current = dealers.find((d) => d.id === tab.currentId)?.id ?? currentId;
  const { picked, setPicked, changed, selectRef, confirm, onKeyDown } = usePickThenApply(
    current,
    async (dealerLinkId) => {
      const r = await runner.run({ dealerLinkId }, (d) => `Now working on ${d?.companyName ?? "the chosen dealer"}`);
      // Shown current with the refreshed page, not before: the select is disabled until then, and the focus
      // goes back to it once the pick and the current dealer agree (usePickThenApply).
      if (r.ok) tab.switchedHere(dealerLinkId);
      return r.ok;
    },
  );
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
        className={cn("w-full min-w-0 max-w-[14rem] truncate", toolbarControl({ select: true }))}
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
