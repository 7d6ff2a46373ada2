// The console's two kinds of text link, so a link looks the same wherever it stands.

/** A link in running text, a note or a card: underlined, so it reads as a link without its colour (WCAG 1.4.1). */
export const textLinkClass = "text-indigo-700 underline underline-offset-2 hover:text-indigo-900";

/**
 * A link whose place already says it is one: a table row's own name or id, the way into that row (a
 * site's name, a job's time), or a list of links. Underlined when pointed at or focused, not in every row.
 */
export const rowLinkClass = "text-indigo-700 underline-offset-2 hover:underline focus-visible:underline";
