import { bodyAs, failureMessage } from "@/lib/json-as";
import { pickerOptionsSchema, type PickerOptions } from "@/lib/verifications/outcomes-schemas";
import { atDealer, type DeskDealer } from "@/components/verifications/queue/desk-dealer";

/** What the outcome picker offers; a refusal or an answer of another shape throws, for the picker's error. */
export async function fetchPicker(id: string, dealer: DeskDealer): Promise<PickerOptions> {
  const res = await fetch(atDealer(`/api/live/verifications/${encodeURIComponent(id)}/outcomes`, dealer));
  if (!res.ok) throw new Error(await failureMessage(res, `Could not load the outcomes (HTTP ${res.status})`));
  const options = await bodyAs(res, pickerOptionsSchema);
  if (!options) {
    throw new Error("Could not load the outcomes: the server's answer was not a list of outcomes. Reload the page.");
  }
  return options;
}
