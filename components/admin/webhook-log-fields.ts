import type { FilterField } from "@/components/ui";
import type { WebhookLogListState } from "@/lib/settings/webhook-log-filters";
import { VERDICTS } from "@/lib/webhooks/verdicts";

/** The webhook log's filter fields (then From and To); the event types offered are the ones the log holds. */
export function webhookLogFields(types: readonly string[]): FilterField<keyof WebhookLogListState & string>[] {
  return [
    { kind: "select", label: "Verdict", name: "verdict", width: "w-36", options: VERDICTS },
    { kind: "select", label: "Event type", name: "type", width: "w-48", options: types },
    { kind: "text", label: "Event or delivery id", name: "event", placeholder: "evt_…", width: "w-full sm:w-56" },
  ];
}
