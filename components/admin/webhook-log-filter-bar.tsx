import { FilterBar, type FilterField } from "@/components/ui";
import { VERDICTS, webhookLogList, type WebhookLogListState } from "@/lib/settings/webhook-log-filters";

function webhookLogFields(types: readonly string[]): FilterField<keyof WebhookLogListState & string>[] {
  return [
    { kind: "select", label: "Verdict", name: "verdict", width: "w-36", options: VERDICTS },
    { kind: "select", label: "Event type", name: "type", width: "w-48", options: types },
    { kind: "text", label: "Event or delivery id", name: "event", placeholder: "evt_…", width: "w-full sm:w-56" },
  ];
}

/** The webhook log's filters; the event types offered are the ones the log holds. */
export function WebhookLogFilterBar({
  state,
  errors,
  types,
}: {
  state: WebhookLogListState;
  errors: readonly string[];
  types: readonly string[];
}) {
  return <FilterBar list={webhookLogList} state={state} ignored={errors} fields={webhookLogFields(types)} dates />;
}
