import Link from "next/link";
import { cn } from "./cn";
import { countText } from "@/lib/count-text";
import { pageCount } from "@/lib/list-state/pages";

export type PagerProps = {
  page: number;
  /** Rows per page. */
  per: number;
  total: number;
  /** Rows on this page (the last page may hold fewer than `per`). */
  shown: number;
  /** The URL of a page, every other control of the list kept (the list's URL state, lib/list-state). */
  hrefFor: (page: number) => string;
  /** What the rows are ("sites"); after the range. */
  noun?: string;
  /** Prefix of the test ids: `${name}-range` (the "Showing a–b of n" text) and `${name}-total`. */
  name?: string;
  className?: string;
};

const link =
  "inline-flex min-h-8 items-center rounded-md bg-white px-3 py-1.5 text-sm font-medium ring-1 ring-inset " +
  "ring-slate-300 " +
  "hover:bg-slate-50 focus-visible:outline focus-visible:outline-2 focus-visible:outline-indigo-600";
const off =
  "inline-flex min-h-8 items-center rounded-md px-3 py-1.5 text-sm font-medium text-slate-500 ring-1 " +
  "ring-inset ring-slate-200";

/** THE pager of every list page: "Showing 26–50 of 2,000", first/previous/next/last as links. */
export function Pager({ page, per, total, shown, hrefFor, noun, name = "list", className }: PagerProps) {
  const pages = pageCount(total, per);
  const from = total === 0 || shown === 0 ? 0 : (page - 1) * per + 1;
  const to = shown === 0 ? 0 : (page - 1) * per + shown;
  const step = (label: string, target: number, enabled: boolean, rel?: string) =>
    enabled ? (
      <Link className={link} href={hrefFor(target)} rel={rel}>
        {label}
      </Link>
    ) : (
      <span className={off} aria-disabled="true">
        {label}
      </span>
    );
  return (
    <nav
      aria-label="Pages"
      className={cn("mt-3 flex flex-wrap items-center justify-between gap-3 text-sm text-slate-600", className)}
    >
      <p>
        <span data-testid={`${name}-range`}>
          Showing <strong>{countText(from)}</strong>–<strong>{countText(to)}</strong> of{" "}
          <strong data-testid={`${name}-total`}>{countText(total)}</strong>
        </span>
        {noun ? ` ${noun}` : ""} · page {countText(Math.min(page, pages))} of {countText(pages)}
      </p>
      {pages > 1 || page > 1 ? (
        <div className="flex flex-wrap gap-2">
          {step("First", 1, page > 1)}
          {step("Previous", Math.min(page - 1, pages), page > 1, "prev")}
          {step("Next", page + 1, page < pages, "next")}
          {step("Last", pages, page < pages)}
        </div>
      ) : null}
    </nav>
  );
}

type ListPagerProps<S extends { page: number }> = {
  /**
   * The list's URL state (lib/list-state's defineListState) and its current value. The last segment
   * of the list's path names the test ids (`users-range`, `audit-total`…); its noun says what is counted.
   */
  list: { path: string; noun: string; href: (state: S, changes: { page: number }) => string };
  state: S;
  /** The page shown: its rows and how many match in all (`page` when the query clamped it). */
  of: { rows: readonly unknown[]; total: number; page?: number };
  /** Rows per page. */
  per: number;
};

/** The Pager of a list whose links are its URL state with another page. */
export function ListPager<S extends { page: number }>({ list, state, of, per }: ListPagerProps<S>) {
  return (
    <Pager
      name={list.path.slice(list.path.lastIndexOf("/") + 1)}
      noun={list.noun}
      page={of.page ?? state.page}
      per={per}
      total={of.total}
      shown={of.rows.length}
      hrefFor={(page) => list.href(state, { page })}
    />
  );
}
