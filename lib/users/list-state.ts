// The users page's URL state (bookmarkable): search, sort, page, declared with the list-page
// parsers (lib/list-state). A dealer's members are read whole and paged in memory.
import { defineListState } from "@/lib/list-state/define";
import { sortAndPage } from "@/lib/list-state/memory";
import { pageParam, perParam } from "@/lib/list-state/pages";
import { dirParam } from "@/lib/list-state/sort-dir";
import { oneOf, text } from "@/lib/list-state/parsers";

export const USER_SORTS = ["email", "role", "status", "lastSignIn"] as const;

export const usersList = defineListState(
  { path: "/users", noun: "people" },
  {
    q: text(100).withDefault(""),
    sort: oneOf(["", ...USER_SORTS]).withDefault(""),
    dir: dirParam(),
    page: pageParam(),
    per: perParam(),
  },
);
export type UsersListState = typeof usersList.defaults;

type Member = { email: string; name: string; role: string; disabled: boolean; lastSignInAt: Date | null };

const SORT_KEY: Record<(typeof USER_SORTS)[number], (u: Member) => string | Date | null> = {
  email: (u) => u.email,
  role: (u) => u.role,
  status: (u) => (u.disabled ? "disabled" : "active"),
  lastSignIn: (u) => u.lastSignInAt,
};

/** The members matching the search (name or email, any case), sorted and cut to the page the URL names. */
export function pageOfUsers<Row extends Member>(all: readonly Row[], state: UsersListState) {
  const q = state.q.toLowerCase();
  const matching = q ? all.filter((u) => u.email.toLowerCase().includes(q) || u.name.toLowerCase().includes(q)) : all;
  // No sort chosen: the service's order (enabled first, then by email).
  return sortAndPage(matching, state.sort ? SORT_KEY[state.sort] : () => null, state.dir, state.page, state.per);
}
