// The users page's URL state (bookmarkable): search, sort, page, declared with the list-page
// parsers (lib/list-state). A dealer's members are read whole and paged in memory.
import { defineListState } from "@/lib/list-state/define";
import { intIn, numberOf, oneOf, text } from "@/lib/list-state/parsers";

export const USER_SORTS = ["email", "role", "status", "lastSignIn"] as const;
export const USER_PAGE_SIZES = [25, 50, 100] as const;

export const usersList = defineListState(
  { path: "/users", noun: "people" },
  {
    q: text(100).withDefault(""),
    sort: oneOf(["", ...USER_SORTS]).withDefault(""),
    dir: oneOf(["asc", "desc"]).withDefault("asc"),
    page: intIn(1, 100_000).withDefault(1),
    per: numberOf(USER_PAGE_SIZES).withDefault(25),
  },
);
export type UsersListState = typeof usersList.defaults;
