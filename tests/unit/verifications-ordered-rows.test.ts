// The outcome codes' and the checklist's row lists (components/verifications/ordered-rows.tsx), rendered to
// HTML: the rows in their order, each its text cell, its own cells, its flag, then move up, move down and
// remove, named by row.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { newRowKey, OrderedRowList, type RowColumns } from "@/components/verifications/ordered-rows";

type Row = { key: string; text: string; optional: boolean };
const rows: Row[] = [
  { key: "a", text: "Call the site", optional: false },
  { key: "b", text: "Check the camera", optional: true },
];
const columns: RowColumns<"text", "optional"> = {
  noun: "step",
  text: { field: "text", label: (n) => `Step ${n}`, maxLength: 80 },
  flag: { field: "optional", label: "Optional" },
};

function render(list: Row[]) {
  return renderToStaticMarkup(
    OrderedRowList({
      rows: list,
      setRows: () => undefined,
      columns,
      children: (r, i) => createElement("span", { "data-cell": i }, r.key),
    }),
  );
}

describe("OrderedRowList", () => {
  it("draws each row's text, its own cells, its flag then its order buttons, in the rows' order", () => {
    const html = render(rows);
    const items = html.match(/<li[^>]*>.*?<\/li>/g) ?? [];
    expect(items).toHaveLength(2);
    expect(items[0]).toMatch(
      new RegExp(
        '^<li class="flex flex-wrap items-center gap-2"><label[^>]*><span class="sr-only">Step 1</span>' +
          '<input[^>]*maxLength="80" value="Call the site"/></label><span data-cell="0">a</span>' +
          '<label[^>]*><input type="checkbox"[^>]*/>Optional<span class="sr-only"> \\(step 1\\)</span></label>' +
          "<span[^>]*><button",
      ),
    );
    expect(items[0]).not.toMatch(/checked=""/);
    expect(items[1]).toMatch(/<span class="sr-only">Step 2<\/span><input[^>]*value="Check the camera"/);
    expect(items[1]).toContain('<span data-cell="1">b</span>');
    expect(items[1]).toMatch(/<input type="checkbox"[^>]*checked=""[^>]*\/>Optional<span class="sr-only"> \(step 2\)/);
    for (const [i, item] of items.entries())
      for (const name of [`Move step ${i + 1} up`, `Move step ${i + 1} down`, `Remove step ${i + 1}`])
        expect(item).toContain(`aria-label="${name}"`);
  });

  it("cannot move the first row up nor the last one down", () => {
    const [first, last] = render(rows).match(/<li[^>]*>.*?<\/li>/g) ?? [];
    expect(first).toMatch(/aria-label="Move step 1 up"[^>]*disabled=""|disabled=""[^>]*aria-label="Move step 1 up"/);
    expect(first).not.toMatch(/disabled=""[^>]*aria-label="Move step 1 down"/);
    expect(last).toMatch(/aria-label="Move step 2 down"[^>]*disabled=""|disabled=""[^>]*aria-label="Move step 2 down"/);
  });

  it("keys a new row apart from the rows already there", () => {
    expect(newRowKey(rows)).toMatch(/^new-\d+-2$/);
    expect(newRowKey([])).not.toBe(newRowKey(rows));
  });
});
