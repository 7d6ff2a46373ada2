"use client";
// Whether this render is in the browser after hydration: false on the server and while hydrating (so
// both render the same markup), true after. For what only the browser knows (its time zone, its
// notification permission, a long list not worth sending in the HTML).
import { useSyncExternalStore } from "react";

const noSubscription = () => () => {};
const inBrowser = () => true;
const onServer = () => false;

export function useHydrated(): boolean {
  return useSyncExternalStore(noSubscription, inBrowser, onServer);
}
