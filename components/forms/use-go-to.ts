"use client";
import { useRouter } from "next/navigation";

/** After a change: open `href` and read the server's pages afresh (so lists show what was just written). */
export function useGoTo() {
  const router = useRouter();
  return (href: string) => {
    router.push(href);
    router.refresh();
  };
}
