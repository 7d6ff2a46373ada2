// The URL filter that names one CHeKT object (a site, a station) on a list page: digits within
// CHeKT's id range, or "" for any. Larger numbers are refused like any other bad value (the control
// falls back to "any"), never handed to SQL, where an integer column fails on them (22003).
import { isChektIdText } from "@/lib/schemas/fields";
import { matching } from "./parsers";

/** A CHeKT id filter, kept as the text the URL held ("" = any). */
export const chektIdFilter = () => matching(isChektIdText).withDefault("");
