import Form from "next/form";
import Link from "next/link";
import { Columns3, Search } from "lucide-react";
import { Input, Select, SubmitButton, buttonClasses } from "@/components/ui";
import { DEFAULT_SITE_COLUMNS, PAGE_SIZES, SITE_COLUMNS, SITE_COLUMN_KEYS, type SiteListState } from "@/lib/schemas/site-list";
import { timeZones } from "@/lib/schemas/timezones";

/** Hidden inputs that carry the rest of the table state through a GET form. */
function Keep({ state, omit }: { state: SiteListState; omit: (keyof SiteListState)[] }) {
  const keep = (k: keyof SiteListState) => !omit.includes(k);
  return (
    <>
      {keep("q") && state.q ? <input type="hidden" name="q" value={state.q} /> : null}
      {keep("active") && state.active ? <input type="hidden" name="active" value={state.active} /> : null}
      {keep("tz") && state.tz ? <input type="hidden" name="tz" value={state.tz} /> : null}
      {keep("station") && state.station ? <input type="hidden" name="station" value={state.station} /> : null}
      {keep("ready") && state.ready ? <input type="hidden" name="ready" value={state.ready} /> : null}
      {keep("sort") && state.sort !== "name" ? <input type="hidden" name="sort" value={state.sort} /> : null}
      {keep("dir") && state.dir !== "asc" ? <input type="hidden" name="dir" value={state.dir} /> : null}
      {keep("per") && state.per !== 25 ? <input type="hidden" name="per" value={state.per} /> : null}
      {keep("cols") && state.cols.join(",") !== DEFAULT_SITE_COLUMNS.join(",") ? <input type="hidden" name="cols" value={state.cols.join(",")} /> : null}
    </>
  );
}

/**
 * Search and filters as a plain GET form: every change is a new URL (bookmarkable, the back
 * button steps through them) and CHeKT does the filtering. Works without JavaScript too.
 */
export function SitesFilters({ state }: { state: SiteListState }) {
  return (
    <div className="mb-4 flex flex-wrap items-end gap-3">
      <Form action="/sites" className="flex flex-1 flex-wrap items-end gap-3" role="search" aria-label="Filter sites">
        <Keep state={state} omit={["q", "active", "tz", "per", "ready"]} />
        <Input label="Search" name="q" type="search" defaultValue={state.q} placeholder="Name, account, address or ID" wrapperClassName="w-full sm:w-64" maxLength={100} />
        <Select
          label="Status"
          name="active"
          defaultValue={state.active}
          wrapperClassName="w-36"
          options={[
            { value: "", label: "All" },
            { value: "1", label: "Active" },
            { value: "0", label: "Inactive" },
          ]}
        />
        <Select
          label="Readiness"
          name="ready"
          defaultValue={state.ready}
          wrapperClassName="w-36"
          options={[
            { value: "", label: "All" },
            { value: "0", label: "Not ready" },
            { value: "1", label: "Ready" },
          ]}
        />
        <Input label="Time zone" name="tz" list="site-filter-zones" defaultValue={state.tz} placeholder="Any" wrapperClassName="w-56" autoComplete="off" />
        <datalist id="site-filter-zones">
          {timeZones().map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
        <Select label="Rows" name="per" defaultValue={String(state.per)} wrapperClassName="w-24" options={PAGE_SIZES.map((n) => ({ value: String(n), label: String(n) }))} />
        <SubmitButton variant="secondary" icon={<Search className="h-4 w-4" aria-hidden="true" />}>
          Apply
        </SubmitButton>
        {state.station ? <p className="self-center text-sm text-slate-600">Only sites of station #{state.station}</p> : null}
        {state.q || state.active || state.tz || state.station || state.ready ? (
          <Link href="/sites" className={buttonClasses("ghost", "md")}>
            Clear filters
          </Link>
        ) : null}
      </Form>
      <details className="relative">
        <summary className={buttonClasses("secondary", "md", "cursor-pointer list-none")}>
          <Columns3 className="h-4 w-4" aria-hidden="true" /> Columns
        </summary>
        <Form action="/sites" className="absolute right-0 z-10 mt-2 w-56 space-y-2 rounded-md border border-slate-200 bg-white p-3 shadow-lg">
          <Keep state={state} omit={["cols"]} />
          <fieldset>
            <legend className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">Show columns</legend>
            {SITE_COLUMN_KEYS.map((key) => (
              <label key={key} className="flex items-center gap-2 py-0.5 text-sm text-slate-800">
                <input
                  type="checkbox"
                  name="cols"
                  value={key}
                  defaultChecked={state.cols.includes(key)}
                  disabled={key === "name"}
                  className="h-4 w-4 rounded border-slate-300 text-indigo-600 focus:ring-indigo-600"
                />
                {SITE_COLUMNS[key].label}
                {key === "name" ? <span className="text-xs text-slate-500">(always)</span> : null}
              </label>
            ))}
          </fieldset>
          <SubmitButton size="sm" className="w-full">
            Show
          </SubmitButton>
        </Form>
      </details>
    </div>
  );
}
