// The outcome codes' and the checklist's row lists (components/verifications/ordered-rows.tsx), rendered to
// HTML: the rows in their order, each its own cells then move up, move down and remove, named by row.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { newRowKey, OrderedRowList } from "@/components/verifications/ordered-rows";

type Row = { key: string; text: string };
const rows: Row[] = [
  { key: "a", text: "Call the site" },
  { key: "b", text: "Check the camera" },
];

function render(list: Row[]) {
  return renderToStaticMarkup(
    OrderedRowList<Row>({
      rows: list,
      setRows: () => undefined,
      noun: "step",
      children: (r, i) => createElement("span", { "data-cell": i }, r.text),
    }),
  );
}

describe("OrderedRowList", () => {
  it("draws each row's cells then its order buttons, in the rows' order", () => {
    const html = render(rows);
    const items = html.match(/<li[^>]*>.*?<\/li>/g) ?? [];
    expect(items).toHaveLength(2);
    expect(items[0]).toMatch(
      /^<li class="flex flex-wrap items-center gap-2"><span data-cell="0">Call the site<\/span>/,
    );
    expect(items[1]).toContain('<span data-cell="1">Check the camera</span>');
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
