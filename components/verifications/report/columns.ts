import type { Column } from "@/components/ui";
import { COLORS } from "./colors";
import { fmtSeconds } from "./format";

// The series and columns the report's sections share, so a count or a duration reads the same in each.
export const DISPATCHED = { key: "dispatched", label: "Dispatched", color: COLORS.dispatched };
export const DISREGARDED = { key: "disregarded", label: "Disregarded", color: COLORS.disregarded };
export const EXPIRED = { key: "expired", label: "Expired", color: COLORS.expired };
const COUNT_HEADERS = {
  total: "Total",
  claimed: "Claimed",
  dispatched: "Dispatched",
  disregarded: "Disregarded",
  expired: "Expired",
  answered: "Answered",
} as const;
type CountField = keyof typeof COUNT_HEADERS;
/** Count columns, one a field, headed with the count's name. */
export const counts = <Row extends Partial<Record<CountField, number>>>(
  ...fields: (CountField & keyof Row)[]
): Column<Row>[] => fields.map((f) => ({ key: f, header: COUNT_HEADERS[f], cell: (r) => r[f] }));
/** A duration column: the field's seconds as the report writes them everywhere ("2 min 05 s"). */
export const seconds = <Row extends Record<F, number | null>, F extends string>(
  field: F,
  header: string,
): Column<Row> => ({
  key: field,
  header,
  cell: (r) => fmtSeconds(r[field]),
});
export const NONE = "No verifications in this range.";
export const NO_DISREGARDS = "No disregarded alarms in this range.";
