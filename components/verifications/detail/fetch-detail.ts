import { bodyAs, failureMessage } from "@/lib/json-as";
import { deskDetailSchema } from "@/lib/verifications/detail-schemas";
import type { DeskDetail } from "@/lib/verifications/types";
import { atDealer, type DeskDealer } from "@/components/verifications/queue/desk-dealer";

/** The opened alarm's dispatch information; a refusal or an answer of another shape throws, for the detail's error. */
export async function fetchDetail(id: string, dealer: DeskDealer): Promise<DeskDetail> {
  const res = await fetch(atDealer(`/api/live/verifications/${encodeURIComponent(id)}/detail`, dealer));
  if (!res.ok) throw new Error(await failureMessage(res, `Could not load the site and call list (HTTP ${res.status})`));
  const detail = await bodyAs(res, deskDetailSchema);
  if (!detail) {
    throw new Error("Could not load the site and call list: the server's answer was not a call list. Reload the page.");
  }
  return detail;
}
