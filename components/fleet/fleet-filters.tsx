import Form from "next/form";
import Link from "next/link";
import { Search } from "lucide-react";
import { Input, Select, SubmitButton, buttonClasses } from "@/components/ui";
import { FLEET_PAGE_SIZES, OFFLINE_FOR_CHOICES, isFiltered, type FleetListState } from "@/lib/fleet/list-state";
import { minutesText } from "./format";

/** The fleet filters as a plain GET form: each change is a URL (bookmarkable), filtered in SQL. */
export function FleetFilters({ state, firmwares, thresholdMin }: { state: FleetListState; firmwares: string[]; thresholdMin: number }) {
  const offlineChoices: { value: string; label: string }[] = OFFLINE_FOR_CHOICES.map((c) => ({ value: String(c.min), label: c.label }));
  if (!OFFLINE_FOR_CHOICES.some((c) => c.min === thresholdMin)) offlineChoices.unshift({ value: String(thresholdMin), label: `${minutesText(thresholdMin)} (alert threshold)` });
  if (state.offlineFor && !offlineChoices.some((c) => c.value === String(state.offlineFor))) offlineChoices.push({ value: String(state.offlineFor), label: minutesText(state.offlineFor) });
  return (
    <Form action="/fleet" className="mb-4 flex flex-wrap items-end gap-3" role="search" aria-label="Filter devices">
      <Select
        label="Status"
        name="status"
        defaultValue={state.status}
        wrapperClassName="w-32"
        options={[
          { value: "", label: "All" },
          { value: "offline", label: "Offline" },
          { value: "online", label: "Online" },
          { value: "unknown", label: "Unknown" },
        ]}
      />
      <Select label="Offline longer than" name="offlineFor" defaultValue={state.offlineFor ? String(state.offlineFor) : ""} wrapperClassName="w-52" options={[{ value: "", label: "Any time" }, ...offlineChoices]} />
      <Select
        label="Type"
        name="type"
        defaultValue={state.type}
        wrapperClassName="w-32"
        options={[
          { value: "", label: "All" },
          { value: "camera", label: "Camera" },
          { value: "bridge", label: "Bridge" },
        ]}
      />
      <Select label="Firmware" name="firmware" defaultValue={state.firmware} wrapperClassName="w-40" options={[{ value: "", label: "Any" }, ...firmwares.map((f) => ({ value: f, label: f }))]} />
      <Input label="Site ID (CHeKT)" name="site" inputMode="numeric" pattern="\d*" defaultValue={state.site} placeholder="Any" wrapperClassName="w-36" />
      <Select label="Rows" name="per" defaultValue={String(state.per)} wrapperClassName="w-24" options={FLEET_PAGE_SIZES.map((n) => ({ value: String(n), label: String(n) }))} />
      <SubmitButton variant="secondary" icon={<Search className="h-4 w-4" aria-hidden="true" />}>
        Apply
      </SubmitButton>
      {isFiltered(state) ? (
        <Link href="/fleet" className={buttonClasses("ghost", "md")}>
          Clear filters
        </Link>
      ) : null}
    </Form>
  );
}
