import Form from "next/form";
import { Columns3 } from "lucide-react";
import {
  FilterSelects,
  Input,
  KeepState,
  ListFilters,
  PageSizeSelect,
  SearchField,
  SubmitButton,
  buttonClasses,
} from "@/components/ui";
import { PAGE_SIZES } from "@/lib/list-state/pages";
import {
  SITE_COLUMNS,
  SITE_COLUMN_KEYS,
  isSiteListFiltered,
  siteList,
  type SiteListState,
} from "@/lib/schemas/site-list";
import { ZoneList } from "./zone-list";

const ZONE_LIST_ID = "site-filter-zones";
const ACTIVE_CHOICES = [
  { value: "1", label: "Active" },
  { value: "0", label: "Inactive" },
];
const READY_CHOICES = [
  { value: "0", label: "Not ready" },
  { value: "1", label: "Ready" },
];

/**
 * Search and filters on the list pages' filter bar (components/ui/list-filters): every change is
 * a new URL and the mirror does the filtering. Works without JavaScript too.
 */
export function SitesFilters({ state }: { state: SiteListState }) {
  return (
    <div className="mb-4 flex flex-wrap items-end gap-3">
      <ListFilters
        list={siteList}
        state={state}
        fields={["q", "active", "tz", "per", "ready"]}
        filtered={isSiteListFiltered(state)}
        // A row of its own on a phone: beside Columns, the search was too narrow for its own placeholder.
        className="mb-0 flex-1 max-sm:basis-full"
        after={
          state.station ? (
            <p className="self-center text-sm text-slate-600">Only sites of station #{state.station}</p>
          ) : null
        }
      >
        <SearchField label="Search" value={state.q} placeholder="Name, account, address or ID" />
        <FilterSelects
          state={state}
          selects={[
            { label: "Status", name: "active", width: "w-36", anyLabel: "All", options: ACTIVE_CHOICES },
            { label: "Readiness", name: "ready", width: "w-36", anyLabel: "All", options: READY_CHOICES },
          ]}
        />
        <Input
          label="Time zone"
          name="tz"
          list={ZONE_LIST_ID}
          defaultValue={state.tz}
          placeholder="Any"
          wrapperClassName="w-56"
          autoComplete="off"
        />
        <ZoneList id={ZONE_LIST_ID} />
        <PageSizeSelect value={state.per} sizes={PAGE_SIZES} />
      </ListFilters>
      <details className="relative">
        <summary className={buttonClasses("secondary", "md", "cursor-pointer list-none")}>
          <Columns3 className="h-4 w-4" aria-hidden="true" /> Columns
        </summary>
        <Form
          action={siteList.path}
          className={
            "absolute right-0 z-10 mt-2 w-56 space-y-2 rounded-md border border-slate-200 bg-white p-3 shadow-lg"
          }
        >
          <KeepState search={siteList.search(state)} omit={["cols"]} />
          <fieldset>
            <legend className="mb-1 text-xs font-semibold text-slate-500">Show columns</legend>
            {SITE_COLUMN_KEYS.map((key) => (
              <label key={key} className="flex min-h-6 items-center gap-2 py-0.5 text-sm text-slate-800">
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
