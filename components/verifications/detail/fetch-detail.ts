import { bodyAs, failureMessage } from "@/lib/json-as";
import { deskDetailSchema } from "@/lib/verifications/detail-schemas";
import type { DeskDetail } from "@/lib/verifications/types";

/** The opened alarm's dispatch information; a refusal or an answer of another shape throws, for the detail's error. */
export async function fetchDetail(id: string): Promise<DeskDetail> {
  const res = await fetch(`/api/live/verifications/${encodeURIComponent(id)}/detail`);
  if (!res.ok) throw new Error(await failureMessage(res, `Could not load the site and call list (HTTP ${res.status})`));
  const detail = await bodyAs(res, deskDetailSchema);
  if (!detail) {
    throw new Error("Could not load the site and call list: the server's answer was not a call list. Reload the page.");
  }
  return detail;
}
