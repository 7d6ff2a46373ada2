// Which pasted column fills which device field: by header name when there is a header row,
// otherwise by what the cells look like, then by CreateDeviceDto order. The user can change it.
// The devices' ColumnSpec over the shared core in columns.ts (sites use the same core).
import {
  applyColumns,
  columnsFromHeader,
  duplicateColumns,
  guessColumns,
  type ColumnSpec,
  type Columns,
  type Row,
} from "./columns";
import { DEVICE_FIELDS, fieldForHeader, type DeviceField } from "./fields";
import { normalizeMac } from "./mac";

export const DEVICE_COLUMNS: ColumnSpec<DeviceField> = {
  fields: DEVICE_FIELDS,
  fieldForHeader,
  sniffers: [
    { field: "device_type", test: (v) => /^(camera|bridge)$/i.test(v) },
    { field: "mac", test: (v) => normalizeMac(v) !== null },
  ],
  dataOnlyValues: ["camera", "bridge"],
};

/** One entry per pasted column: the field it fills, or null to ignore the column. */
export type ColumnMapping = Columns<DeviceField>;
export type RawRow = Row<DeviceField>;

export const mappingFromHeader = (header: string[]): ColumnMapping => columnsFromHeader(DEVICE_COLUMNS, header);
export const guessMapping = (rows: string[][], hasHeader: boolean): ColumnMapping =>
  guessColumns(DEVICE_COLUMNS, rows, hasHeader);
/** Fields mapped to more than one column: a mapping step must not let them through. */
export const duplicateFields = (mapping: ColumnMapping): DeviceField[] => duplicateColumns(mapping);

/**
 * Applies a mapping; `line` is the row's sheet line (1-based, header and blank lines counted) when
 * `lines` is given (parsePaste's), else its 1-based position among `rows`.
 */
export const applyMapping = (
  rows: string[][],
  mapping: ColumnMapping,
  hasHeader: boolean,
  lines?: readonly number[],
): RawRow[] => applyColumns(rows, mapping, hasHeader, lines);
