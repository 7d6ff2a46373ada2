// components/devices/grid-keys.ts: where each key of the devices grid's keyboard model sends the active
// cell (keyTarget), before the grid keeps it inside its edges, and what a key does on a cell (cellKeyAction).
import { describe, expect, it } from "vitest";
import { cellKeyAction, keyTarget } from "@/components/devices/grid-keys";

const size = { rows: 40, cols: 6 };
const at = { r: 12, c: 3 };

describe("keyTarget", () => {
  it.each([
    { key: "ArrowRight", ctrl: false, to: { r: 12, c: 4 } },
    { key: "ArrowLeft", ctrl: false, to: { r: 12, c: 2 } },
    { key: "ArrowDown", ctrl: false, to: { r: 13, c: 3 } },
    { key: "ArrowUp", ctrl: false, to: { r: 11, c: 3 } },
    { key: "Home", ctrl: false, to: { r: 12, c: 0 } },
    { key: "End", ctrl: false, to: { r: 12, c: 5 } },
    { key: "Home", ctrl: true, to: { r: 0, c: 0 } },
    { key: "End", ctrl: true, to: { r: 39, c: 5 } },
    { key: "PageDown", ctrl: false, to: { r: 22, c: 3 } },
    { key: "PageUp", ctrl: false, to: { r: 2, c: 3 } },
  ])("$key (ctrl $ctrl) goes to row $to.r, column $to.c", ({ key, ctrl, to }) => {
    expect(keyTarget(key, ctrl, at, size)).toEqual(to);
  });

  it("leaves the clamping to the grid: a move past an edge is returned as it is", () => {
    expect(keyTarget("PageUp", false, { r: 3, c: 0 }, size)).toEqual({ r: -7, c: 0 });
  });

  it.each(["Enter", "Tab", "a", " ", "Escape"])("leaves %j to the cell", (key) => {
    expect(keyTarget(key, false, at, size)).toBeNull();
  });
});

describe("cellKeyAction", () => {
  const header = (columnId: string) => ({ header: true, columnId, editable: false });
  const row = (columnId: string, editable = false) => ({ header: false, columnId, editable });

  it.each([
    { key: "Enter", cell: header("select"), does: "toggle-all" },
    { key: " ", cell: header("select"), does: "toggle-all" },
    { key: "Enter", cell: header("name"), does: "sort" },
    { key: "F2", cell: header("name"), does: null },
    { key: " ", cell: row("select"), does: "toggle-row" },
    { key: "F2", cell: row("select"), does: null },
    { key: "Enter", cell: row("external_device_id"), does: "open" },
    { key: "F2", cell: row("external_device_id"), does: null },
    { key: "Enter", cell: row("name", true), does: "edit" },
    { key: "F2", cell: row("name", true), does: "edit" },
    { key: " ", cell: row("name", true), does: null },
    { key: "Enter", cell: row("name", false), does: null },
    { key: "a", cell: row("name", true), does: null },
  ] as const)("$key on $cell.columnId (header $cell.header, editable $cell.editable): $does", ({ key, cell, does }) => {
    expect(cellKeyAction(key, cell)).toBe(does);
  });
});
