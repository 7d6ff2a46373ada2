// What Next.js hands a page as its query: one type for every page that reads it (list pages parse
// it with their lib/list-state module; the admin pages read `?dealer=` from it).

export type SearchParams = Record<string, string | string[] | undefined>;

/** The props of a page that reads its query (and has no dynamic segment of its own). */
export type SearchParamsProps = { searchParams: Promise<SearchParams> };
