import type { FilterField } from "@/components/ui";
import type { HistoryParams } from "@/lib/verifications/history-filter";
import type { SiteChoice } from "@/lib/verifications/history-sites";
import { verificationStateLabel, VERIFICATION_STATES } from "@/lib/verifications/types";

const STATE_OPTIONS = VERIFICATION_STATES.map((value) => ({ value, label: verificationStateLabel(value) }));

/** The history's filter fields (then From and To); the sites offered are the ones with verifications. */
export function historyFields(sites: SiteChoice[]): FilterField<keyof HistoryParams & string>[] {
  return [
    { kind: "select", label: "State", name: "state", width: "w-36", options: STATE_OPTIONS },
    { kind: "select", label: "Site", name: "site", width: "w-48", options: sites },
    { kind: "text", label: "Operator", name: "operator", placeholder: "Name", width: "w-40" },
  ];
}
