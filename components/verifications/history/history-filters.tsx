import { FilterBar, type FilterField } from "@/components/ui";
import { historyList, type HistoryParams } from "@/lib/verifications/history-filter";
import { verificationStateLabel, VERIFICATION_STATES } from "@/lib/verifications/types";
import type { SiteChoice } from "@/lib/verifications/history-sites";

const STATE_OPTIONS = VERIFICATION_STATES.map((value) => ({ value, label: verificationStateLabel(value) }));

function historyFields(sites: SiteChoice[]): FilterField<keyof HistoryParams & string>[] {
  return [
    { kind: "select", label: "State", name: "state", width: "w-36", options: STATE_OPTIONS },
    { kind: "select", label: "Site", name: "site", width: "w-48", options: sites },
    { kind: "text", label: "Operator", name: "operator", placeholder: "Name", width: "w-40" },
  ];
}

/** The history's filters; the sites offered are the ones with verifications. */
export function HistoryFilters({
  values,
  sites,
  errors,
}: {
  values: HistoryParams;
  sites: SiteChoice[];
  errors: readonly string[];
}) {
  return <FilterBar list={historyList} state={values} ignored={errors} fields={historyFields(sites)} dates />;
}
