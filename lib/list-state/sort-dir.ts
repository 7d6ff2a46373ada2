// `?dir=` the same way on every sortable list page: the two directions CHeKT's list query takes
// (lib/chekt/list-query.ts), which the lists sorted in memory or in SQL take too.
import { SORT_DIRS } from "@/lib/chekt/list-query";
import { oneOf } from "./parsers";

/** `?dir=`: asc or desc, else asc. */
export const dirParam = () => oneOf(SORT_DIRS).withDefault("asc");
