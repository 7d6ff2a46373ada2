import { FilterSelects, Input, ListFilters, PageSizeSelect } from "@/components/ui";
import {
  FLEET_PAGE_SIZES,
  OFFLINE_FOR_CHOICES,
  fleetList,
  isFiltered,
  type FleetListState,
} from "@/lib/fleet/list-state";
import { minutesText } from "@/lib/duration-text";

const STATUS_CHOICES = [
  { value: "offline", label: "Offline" },
  { value: "online", label: "Online" },
  { value: "unknown", label: "Unknown" },
];
const TYPE_CHOICES = [
  { value: "camera", label: "Camera" },
  { value: "bridge", label: "Bridge" },
];

/** The fleet filters on the list pages' filter bar (components/ui/list-filters), filtered in SQL. */
export function FleetFilters({
  state,
  firmwares,
  thresholdMin,
}: {
  state: FleetListState;
  firmwares: string[];
  thresholdMin: number;
}) {
  const offline: { value: string; label: string }[] = OFFLINE_FOR_CHOICES.map((c) => ({
    value: String(c.min),
    label: c.label,
  }));
  if (!OFFLINE_FOR_CHOICES.some((c) => c.min === thresholdMin)) {
    offline.unshift({ value: String(thresholdMin), label: `${minutesText(thresholdMin)} (alert threshold)` });
  }
  if (state.offlineFor && !offline.some((c) => c.value === String(state.offlineFor))) {
    offline.push({ value: String(state.offlineFor), label: minutesText(state.offlineFor) });
  }
  return (
    <ListFilters
      list={fleetList}
      state={state}
      fields={["status", "offlineFor", "type", "firmware", "site", "per"]}
      filtered={isFiltered(state)}
    >
      <FilterSelects
        state={state}
        selects={[
          { label: "Status", name: "status", width: "w-32", anyLabel: "All", options: STATUS_CHOICES },
          { label: "Offline longer than", name: "offlineFor", width: "w-52", anyLabel: "Any time", options: offline },
          { label: "Type", name: "type", width: "w-32", anyLabel: "All", options: TYPE_CHOICES },
          { label: "Firmware", name: "firmware", width: "w-40", options: firmwares },
        ]}
      />
      <Input
        label="Site ID (CHeKT)"
        name="site"
        inputMode="numeric"
        pattern="\d*"
        defaultValue={state.site}
        placeholder="Any"
        wrapperClassName="w-36"
      />
      <PageSizeSelect value={state.per} sizes={FLEET_PAGE_SIZES} />
    </ListFilters>
  );
}
