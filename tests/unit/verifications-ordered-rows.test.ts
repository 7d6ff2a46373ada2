// The outcome codes' and the checklist's row lists (components/verifications/settings/ordered-rows.tsx), rendered to
// HTML: the rows in their order, each move up and move down, its text cell (the shared Input, its label
// for screen readers), its own cells, its flag, then remove, named by row, laid out by grid area.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { newRowKey, OrderedRowList, type RowColumns } from "@/components/verifications/settings/ordered-rows";

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
  it("draws each row's move buttons, text, its own cells, its flag then remove, in the rows' order", () => {
    const html = render(rows);
    const items = html.match(/<li[^>]*>.*?<\/li>/g) ?? [];
    expect(items).toHaveLength(2);
    const button = (area: string, name: string) => `<button[^>]*\\[grid-area:${area}\\][^>]*aria-label="${name}"`;
    expect(items[0]).toMatch(
      new RegExp(
        "^<li[^>]*>" +
          button("up", "Move step 1 up") +
          ".*?</button>" +
          button("down", "Move step 1 down") +
          ".*?</button>" +
          '<div class="[^"]*\\[grid-area:text\\]"><label for="([^"]+)"[^>]*sr-only">Step 1</label>' +
          '<input maxLength="80" id="\\1" class="[^"]*\\bpx-3\\b[^"]*" value="Call the site"/></div>' +
          '<div class="[^"]*\\[grid-area:cells\\]"><span data-cell="0">a</span>' +
          '<label[^>]*><input type="checkbox"[^>]*/>Optional<span class="sr-only"> \\(step 1\\)</span></label></div>' +
          button("remove", "Remove step 1") +
          ".*</button></li>$",
      ),
    );
    expect(items[0]).not.toMatch(/checked=""/);
    expect(items[1]).toMatch(/sr-only">Step 2<\/label><input[^>]*value="Check the camera"/);
    expect(items[1]).toContain('<span data-cell="1">b</span>');
    expect(items[1]).toMatch(/<input type="checkbox"[^>]*checked=""[^>]*\/>Optional<span class="sr-only"> \(step 2\)/);
    for (const [i, item] of items.entries())
      for (const name of [`Move step ${i + 1} up`, `Move step ${i + 1} down`, `Remove step ${i + 1}`])
        expect(item).toContain(`aria-label="${name}"`);
  });

  it("lays a row out by its list's width: the text over the moves on a phone, buttons on its line, one line", () => {
    const [first] = render(rows).match(/<li[^>]*>/g) ?? [];
    const areas = (variant: string, value: string) =>
      `${variant}[grid-template-areas:${value.replace(/'/g, "&#x27;")}]`;
    expect(first).toContain(areas("", "'text_text_text_text'_'up_down_cells_remove'"));
    expect(first).toContain(areas("[@container(min-width:27rem)]:", "'up_down_text_remove'_'._._cells_.'"));
    expect(first).toContain(areas("[@container(min-width:37rem)]:", "'up_down_text_cells_remove'"));
    expect(render(rows)).toMatch(/^<ol class="[^"]*\[container-type:inline-size\]/);
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
