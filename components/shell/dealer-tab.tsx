"use client";
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, useTransition } from "react";
import type { ReactNode } from "react";
import { useRouter } from "next/navigation";
import { announceDealerSwitch, useDealerSwitches } from "./dealer-broadcast";

/** This tab's current dealer, kept by the shell for every page it draws, whatever its header shows. */
type DealerTab = {
  /** The current dealer as this tab last learned it: the page's, or one switched to in another tab since. */
  currentId: string | null;
  /** The page is being drawn again for the dealer switched to. */
  refreshing: boolean;
  /** The server made `dealerLinkId` current on this tab's ask: the other tabs are told, this one is drawn again. */
  switchedHere: (dealerLinkId: string) => void;
  /** Registers a view that keeps the dealer it was drawn for (useKeepsItsDealer); returns its release. */
  keep: () => () => void;
};

const DealerTabContext = createContext<DealerTab | null>(null);

/**
 * Around every console page (the shell), so a tab follows a switch made in another one whether or not its header
 * has a switcher: a user of one dealer given a second and switching (or connecting one) elsewhere had a tab with no
 * switcher, which alone listened, left on the old dealer. A page that keeps its dealer (the desk) is not re-drawn.
 */
export function DealerTabProvider({ drawnFor, children }: { drawnFor: string | null; children: ReactNode }) {
  const router = useRouter();
  const [refreshing, startRefresh] = useTransition();
  const [currentId, setCurrentId] = useState(drawnFor);
  const [seen, setSeen] = useState(drawnFor);
  // A page drawn anew is the truth (the cookie as the server read it): it wins over what this tab was told.
  if (seen !== drawnFor) {
    setSeen(drawnFor);
    setCurrentId(drawnFor);
  }
  const keepers = useRef(0);

  useDealerSwitches(({ dealerLinkId, here, disconnected }) => {
    if (here) return;
    if (disconnected) {
      // Which dealer is current now is the server's to say (another of the user's, or none): the page drawn anew.
      if (dealerLinkId === currentId && keepers.current === 0) startRefresh(() => router.refresh());
      return;
    }
    if (dealerLinkId === currentId) return;
    setCurrentId(dealerLinkId);
    if (keepers.current === 0) startRefresh(() => router.refresh());
  });

  const switchedHere = useCallback(
    (dealerLinkId: string) => {
      announceDealerSwitch(dealerLinkId);
      // Current with the re-drawn page, not before it: a switcher stays busy until then.
      startRefresh(() => {
        setCurrentId(dealerLinkId);
        router.refresh();
      });
    },
    [router],
  );
  const keep = useCallback(() => {
    keepers.current++;
    return () => {
      keepers.current--;
    };
  }, []);
  const tab = useMemo(
    () => ({ currentId, refreshing, switchedHere, keep }),
    [currentId, refreshing, switchedHere, keep],
  );
  return <DealerTabContext.Provider value={tab}>{children}</DealerTabContext.Provider>;
}

/** The tab's current dealer; the shell provides it around every console page. */
export function useDealerTab(): DealerTab {
  const tab = useContext(DealerTabContext);
  if (!tab) throw new Error("useDealerTab outside the shell's DealerTabProvider");
  return tab;
}

/**
 * For a view whose every call names the dealer it was drawn for (the alarm desk): a switch made in another tab
 * does not re-draw the page under it (its open work stays with its dealer), the view says what it means itself.
 * Outside the shell (a view rendered on its own) there is no page to re-draw, so nothing to keep.
 */
export function useKeepsItsDealer(): void {
  const keep = useContext(DealerTabContext)?.keep;
  useEffect(() => keep?.(), [keep]);
}
