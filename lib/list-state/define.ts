// One list page's URL state, declared once with its page (path and noun) and nuqs parsers
// (lib/list-state/parsers.ts): parsed on the server with nuqs's loader, written back into links to
// that page with defaults left out, and changed so that anything but the page sends the user back to
// page 1. Every list page goes through here; its filter bar, pager and sort links take the list, so the
// page's path and noun are written once.
import { createLoader, type inferParserType, type ParserMap } from "nuqs/server";

/** What a page's searchParams, a URL's query or an action's input may hold. */
export type RawParams = URLSearchParams | Record<string, unknown>;

/** The list's page: its path, and what it lists ("sites"), which names its filter bar and pager. */
export type ListPage = { path: string; noun: string };

export function defineListState<P extends ParserMap>({ path, noun }: ListPage, parsers: P) {
  type State = inferParserType<P>;
  const keys = Object.keys(parsers) as (keyof P & string)[];
  const load = createLoader(parsers);

  /** Only this list's keys, only string values: anything else (a number, an object) is ignored. */
  function clean(params: RawParams): URLSearchParams {
    const out = new URLSearchParams();
    for (const key of keys) {
      const raw = params instanceof URLSearchParams ? params.getAll(key) : params[key];
      for (const v of Array.isArray(raw) ? raw : [raw]) if (typeof v === "string") out.append(key, v);
    }
    return out;
  }

  /** Never throws: a value a parser refuses becomes that control's default. */
  function parse(params: RawParams): State {
    return load(clean(params)) as State;
  }

  const defaults = parse({});

  /** The query string for a state ("" or "?a=b"), defaults left out so URLs stay short. */
  function search(state: State): string {
    const p = new URLSearchParams();
    for (const key of keys) {
      const value = state[key];
      if (value === null || value === undefined) continue;
      const parser = parsers[key];
      const fallback = defaults[key];
      if (fallback !== null && fallback !== undefined && parser.eq(value, fallback)) continue;
      const out: string | string[] = parser.serialize(value);
      for (const v of Array.isArray(out) ? out : [out]) p.append(key, v);
    }
    const s = p.toString();
    return s ? `?${s}` : "";
  }

  /** A new state with `changes`; a change to anything but `page` goes back to page 1. */
  function withChanges(state: State, changes: Partial<State>): State {
    const next = { ...state, ...changes };
    if ("page" in next && !("page" in changes) && Object.keys(changes).length)
      (next as Record<string, unknown>).page = 1;
    return next;
  }

  /** The link to the list page showing `state` with `changes` (lib/list-state's rules for the page). */
  function href(state: State, changes: Partial<State> = {}): string {
    return `${path}${search(withChanges(state, changes))}`;
  }

  /** The controls whose URL value was given but refused (for pages that say what they ignored). */
  function refused(params: RawParams): { key: keyof P & string; raw: string }[] {
    const given = clean(params);
    return keys.flatMap((key) => {
      const raw = given.get(key)?.trim();
      const parser = parsers[key];
      if (!raw || parser.type === "multi") return [];
      return accepts(parser, raw) ? [] : [{ key, raw }];
    });
  }

  return { path, noun, parsers, keys, defaults, parse, search, withChanges, href, refused };
}

function accepts(parser: { parse: (v: string) => unknown }, raw: string): boolean {
  try {
    return parser.parse(raw) !== null;
  } catch {
    return false;
  }
}

export type ListStateOf<D extends { defaults: unknown }> = D["defaults"];
