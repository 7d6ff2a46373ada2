// Pieces of query-string syntax (& = , # ? + % newlines, parameter names) that a list-filter value
// must never be able to inject a parameter with or split one: the fuzz tests of lib/chekt/list-query
// build their values from these.
export const QUERY_SYNTAX = [
  "&",
  "=",
  ",",
  "#",
  "?",
  "+",
  "%",
  "%26",
  "\n",
  "\r\n",
  ";",
  " ",
  "/",
  "filter=x",
  "&limit=1",
  "[]",
] as const;
