import "server-only";
import { ActionError } from "@/lib/actions/errors";
import type { ValidatedRow } from "./validate";
import { countText } from "@/lib/count-text";
import { plural } from "@/lib/plural";

/** Up to 50 row messages for the form, keyed "row.<line>". */
function rowErrors(rows: ValidatedRow[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const r of rows.filter((x) => !x.device).slice(0, 50)) out[`row.${r.line}`] = Object.values(r.errors).join("; ");
  return out;
}

/** The valid rows, or a refusal naming each bad row (unless the user chose to skip them); nothing sent on a refusal. */
export function refuseInvalid(rows: ValidatedRow[], skipInvalid: boolean): ValidatedRow[] {
  const invalid = rows.filter((r) => !r.device);
  const valid = rows.filter((r) => r.device);
  if (invalid.length > 0 && !skipInvalid) {
    const n = invalid.length;
    throw new ActionError(
      "invalid_rows",
      `${countText(n)} ${plural(n, "row has", "rows have")} errors. ` +
        `Fix ${plural(n, "it", "them")} or choose to skip invalid rows; nothing was sent.`,
      rowErrors(rows),
    );
  }
  if (valid.length === 0)
    throw new ActionError("invalid_rows", "No valid rows to send; nothing was sent.", rowErrors(rows));
  return valid;
}
