// No "server-only" and no imports: client components, scripts/, bench/ and simulator/ use it too.

/**
 * The text of a caught value, for a log line or a message: an Error's message; a value thrown or
 * rejected as something else (a string, a number, a plain object) as readable text instead of
 * "[object Object]". Never throws, so it is safe inside a catch. null and undefined read "null" and
 * "undefined", as String() says; a caller with a better word passes `e ?? "its word"`.
 */
export function errorText(e: unknown): string {
  if (e instanceof Error) {
    if (e.message !== "") return e.message;
    // Node's connect() to a host with several addresses rejects with an AggregateError whose own
    // message is empty; the reasons are in its errors.
    if (e instanceof AggregateError && e.errors.length > 0) return e.errors.map(errorText).join("; ");
    return e.name;
  }
  if (typeof e !== "object" || e === null) return String(e);
  // An error from another realm (a vm context) fails instanceof; a rejection may be a plain { message }.
  if ("message" in e && typeof e.message === "string" && e.message !== "") return e.message;
  let text = "[object Object]";
  try {
    text = String(e);
  } catch {
    // An object without a prototype has no toString: JSON below still reads it.
  }
  if (text !== "[object Object]") return text;
  try {
    return JSON.stringify(e) ?? text;
  } catch {
    return text; // a cycle or a BigInt inside
  }
}
