"use client";
import { createContext, useContext } from "react";

/** The dealer the desk page was drawn for: its link id (named in every call the page makes) and its name. */
export type DeskDealer = { id: string; name: string };

const DeskDealerContext = createContext<DeskDealer | null>(null);

/** Wraps the queue: every route and action under it names this dealer (lib/auth/require.ts pageDealerOf). */
export const DeskDealerProvider = DeskDealerContext.Provider;

/** The page's dealer; the desk's parts only run under the queue, which provides it. */
export function useDeskDealer(): DeskDealer {
  const dealer = useContext(DeskDealerContext);
  if (!dealer) throw new Error("useDeskDealer outside the queue's DeskDealerProvider");
  return dealer;
}

/**
 * `path` naming the page's dealer, so the server answers for that dealer only (a switch in another tab
 * is refused, not answered with the other dealer's data).
 */
export function atDealer(path: string, dealer: DeskDealer): string {
  return `${path}?dealer=${encodeURIComponent(dealer.id)}`;
}
