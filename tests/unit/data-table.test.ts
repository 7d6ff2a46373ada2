// The one DataTable's body (components/ui/data-table.tsx), rendered to HTML: the visible columns in
// their order, each cell from its column's `cell`, a row's data-* attributes, the phone card's labels.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { DataTable, fieldColumn, keyOfRow, listSort, type Column } from "@/components/ui/data-table";
import { siteList } from "@/lib/schemas/site-list";
import { usersList } from "@/lib/users/list-state";

type Row = { id: number; name: string; zone: string; note: string };

const rows: Row[] = [
  { id: 7, name: "Alpha", zone: "UTC", note: "n7" },
  { id: 9, name: "Beta", zone: "Asia/Seoul", note: "n9" },
];
const columns: Column<Row>[] = [
  { key: "name", header: "Name", cell: (r) => `name:${r.name}`, card: "title", sortable: true },
  { key: "zone", header: "Time zone", cell: (r) => `zone:${r.zone}`, className: "whitespace-nowrap" },
  { key: "note", header: "Note", cell: (r) => `note:${r.note}` },
];

function render(hidden: string[]) {
  return renderToStaticMarkup(
    createElement(DataTable<Row>, {
      columns,
      rows,
      rowKey: (r) => r.id,
      hidden,
      rowAttrs: (r) => ({ "data-testid": "row", "data-id": r.id }),
      sort: { column: "name", dir: "asc", href: (c, d) => `/x?sort=${c}&dir=${d}` },
    }),
  );
}

const bodyCells = (html: string) =>
  [...html.slice(html.indexOf("<tbody")).matchAll(/<td([^>]*)>(.*?)<\/td>/g)].map((m) => [m[1], m[2]]);

describe("DataTable body", () => {
  it("draws every row's visible cells in column order, labelled, with the row's attributes", () => {
    const html = render([]);
    expect(html.match(/<tr data-testid="row" data-id="(\d+)"/g)).toEqual([
      '<tr data-testid="row" data-id="7"',
      '<tr data-testid="row" data-id="9"',
    ]);
    expect(bodyCells(html)).toEqual([
      [' data-label="Name" data-card="title" class="text-slate-800"', "name:Alpha"],
      [' data-label="Time zone" class="text-slate-800 whitespace-nowrap"', "zone:UTC"],
      [' data-label="Note" class="text-slate-800"', "note:n7"],
      [' data-label="Name" data-card="title" class="text-slate-800"', "name:Beta"],
      [' data-label="Time zone" class="text-slate-800 whitespace-nowrap"', "zone:Asia/Seoul"],
      [' data-label="Note" class="text-slate-800"', "note:n9"],
    ]);
  });

  it("leaves the hidden columns out of the header and every row", () => {
    const html = render(["zone"]);
    expect(html).not.toContain("Time zone");
    expect(bodyCells(html).map(([, text]) => text)).toEqual(["name:Alpha", "note:n7", "name:Beta", "note:n9"]);
    expect(html).toContain('aria-sort="ascending"');
  });
});

describe("DataTable rows", () => {
  it("a row's own classes go on that row only", () => {
    const html = renderToStaticMarkup(
      createElement(DataTable<Row>, {
        columns,
        rows,
        rowKey: (r) => r.id,
        rowClassName: (r) => (r.id === 9 ? "bg-slate-50" : undefined),
      }),
    );
    expect(html.match(/<tr[^>]*>/g)?.slice(1)).toEqual(["<tr>", '<tr class="bg-slate-50">']);
  });

  it("a flush table inside a Card draws no frame of its own; the caller's padding stays", () => {
    const frame = (flush: boolean) => {
      const html = renderToStaticMarkup(
        createElement(DataTable<Row>, { columns, rows, rowKey: (r) => r.id, flush, className: "max-md:p-4" }),
      );
      return html.match(/<div class="([^"]*)"[^>]*role="region"/)?.[1].split(" ") ?? [];
    };
    expect(frame(false)).toEqual(expect.arrayContaining(["rounded-lg", "border", "shadow-sm", "max-md:p-4"]));
    const flush = frame(true);
    expect(flush).toContain("max-md:p-4");
    for (const frame of ["rounded-lg", "border", "shadow-sm"]) expect(flush).not.toContain(frame);
  });
});

describe("DataTable row keys", () => {
  it("keys a row by its id when the table names no rowKey (a bigint id as its digits)", () => {
    expect(keyOfRow<Row>(undefined)(rows[0]!)).toBe(7);
    expect(keyOfRow<{ id: bigint }>(undefined)({ id: 12n })).toBe("12");
    expect(keyOfRow((s: { site_id: number }) => s.site_id)({ site_id: 3 })).toBe(3);
    const html = renderToStaticMarkup(createElement(DataTable<Row>, { columns, rows }));
    expect(bodyCells(html).map(([, text]) => text)).toEqual([
      "name:Alpha",
      "zone:UTC",
      "note:n7",
      "name:Beta",
      "zone:Asia/Seoul",
      "note:n9",
    ]);
  });

  it("a row without an id must name its key", () => {
    type Site = { site_id: number; name: string };
    const siteColumns: Column<Site>[] = [{ key: "name", header: "Name", cell: (s) => s.name }];
    // @ts-expect-error: no id, so rowKey is required
    const props: Parameters<typeof DataTable<Site>>[0] = { columns: siteColumns, rows: [] };
    // The check is the @ts-expect-error above: `npm run typecheck` covers tests/ and fails if it is unused.
    expect(props.rows).toEqual([]);
  });
});

describe("fieldColumn", () => {
  it("prints the field as it is, with the column's classes", () => {
    const total = fieldColumn<{ total: number }, "total">("total", "Devices", "md:text-right tabular-nums");
    expect([total.key, total.header, total.className, total.cell({ total: 4 })]).toEqual([
      "total",
      "Devices",
      "md:text-right tabular-nums",
      4,
    ]);
  });
});

describe("listSort", () => {
  it("links each header to the list sorted by it, back at page 1, the rest of the state kept", () => {
    const state = siteList.parse({ q: "north", sort: "name", dir: "asc", page: "3" });
    const sort = listSort(siteList, state);
    expect([sort.column, sort.dir]).toEqual(["name", "asc"]);
    expect(sort.href("timezone", "desc")).toBe("/sites?q=north&sort=timezone&dir=desc");
    expect(sort.href("name", "asc")).toBe("/sites?q=north");
  });

  it("a column the list cannot sort by links to its default sort, as the URL would read it", () => {
    const users = listSort(usersList, usersList.parse({ sort: "role", page: "2" }));
    expect(users.href("nope", "desc")).toBe("/users?dir=desc");
    expect(users.href("lastSignIn", "asc")).toBe("/users?sort=lastSignIn");
    expect(listSort(siteList, siteList.defaults).href("nope", "desc")).toBe("/sites?dir=desc");
  });
});
