"use client";
import { useEffect } from "react";

const BASE = "Verifications · CHeKT dealer console";

/**
 * The tab shows how many are waiting: "(3) Verifications · …". Next writes the page's metadata title
 * again after a refresh of the route, so the count is put back whenever the <title> changes.
 */
export function useCountInTitle(count: number) {
  useEffect(() => {
    const wanted = count ? `(${count}) ${BASE}` : BASE;
    const apply = () => {
      if (document.title !== wanted) document.title = wanted;
    };
    apply();
    const observer = new MutationObserver(apply);
    observer.observe(document.head, { subtree: true, childList: true, characterData: true });
    return () => {
      observer.disconnect();
      document.title = document.title.replace(/^\(\d+\) /, "");
    };
  }, [count]);
}
