"use client";
// Every row of a bulk job with its result, filtered by result and paged in the browser.
import { useState } from "react";
import Link from "next/link";
import {
  Badge,
  Button,
  Card,
  DataTable,
  fieldColumn,
  Select,
  type BadgeTone,
  type Column,
  textLinkClass,
  rowLinkClass,
  cn,
} from "@/components/ui";
import type { JobItemView, JobProgress } from "@/lib/bulk/jobs";
import { countText } from "@/lib/count-text";
import { pageCount } from "@/lib/list-state/pages";
import { NOUN, type Entity } from "./job-entity";

type ItemState = JobItemView["state"];
const ITEM_TONE: Record<ItemState, BadgeTone> = {
  pending: "neutral",
  sending: "info",
  succeeded: "success",
  failed: "danger",
  skipped: "warning",
};
/** A row's result on its badge and in the "Show" choice, capitalised as the console's other badges. */
const ITEM_LABEL: Record<ItemState, string> = {
  succeeded: "Succeeded",
  failed: "Failed",
  pending: "Pending",
  sending: "Sending",
  skipped: "Skipped",
};
const ITEM_STATES = Object.keys(ITEM_LABEL) as ItemState[];

const PAGE = 100;

function itemName(item: JobItemView): string {
  const site = item.payload.site;
  const siteName = typeof site === "object" && site !== null && "name" in site ? site.name : undefined;
  const name = item.payload.name ?? siteName;
  return typeof name === "string" ? name : String(item.chektDeviceId ?? "");
}

/** Where a row's CHeKT number leads: the imported site's page, or the devices of the job's site. */
function chektHref(item: JobItemView, entity: Entity, kind: JobProgress["kind"], siteId: number): string | null {
  if (item.chektDeviceId === null) return null;
  if (entity === "sites") return `/sites/${item.chektDeviceId}`;
  // A deleted device is on no page any more.
  return kind === "delete" && item.state === "succeeded" ? null : `/sites/${siteId}/devices`;
}

/** The rows of one result (or all), a page at a time; a new filter starts at the first page. */
function useFilteredPages(items: JobItemView[]) {
  const [page, setPage] = useState(0);
  const [filter, setFilter] = useState<"all" | ItemState>("all");
  const list = filter === "all" ? items : items.filter((i) => i.state === filter);
  const pages = pageCount(list.length, PAGE);
  return {
    filter,
    showOnly: (value: string) => {
      setFilter(ITEM_STATES.find((s) => s === value) ?? "all");
      setPage(0);
    },
    page,
    pages,
    setPage,
    slice: list.slice(page * PAGE, page * PAGE + PAGE),
  };
}

export function JobItemsTable({
  items,
  kind,
  entity,
  siteId,
}: {
  items: JobItemView[];
  kind: JobProgress["kind"];
  entity: Entity;
  siteId: number;
}) {
  const paged = useFilteredPages(items);
  const fromSheet = items.some((i) => i.fromSheet);
  return (
    <Card
      title="Every row"
      description={
        fromSheet
          ? "Sheet line: the row's line in the sheet you pasted, header included (the numbers the review showed)."
          : undefined
      }
      flush
    >
      {/* Above the rows, as a list page's filters are. */}
      <div className="px-5 pt-4 pb-3">
        <ResultFilter items={items} value={paged.filter} onChange={paged.showOnly} />
      </div>
      <DataTable<JobItemView>
        caption="Every row"
        rows={paged.slice}
        testId="job-items"
        rowAttrs={(i) => ({ "data-testid": `item-${i.row}` })}
        flush
        columns={itemColumns({ kind, entity, siteId, fromSheet })}
      />
      {paged.pages > 1 ? <Pager page={paged.page} pages={paged.pages} setPage={paged.setPage} /> : null}
    </Card>
  );
}

/** The "Show" choice: every result with how many rows have it. */
function ResultFilter({
  items,
  value,
  onChange,
}: {
  items: JobItemView[];
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <Select
      label="Show"
      wrapperClassName="w-48"
      value={value}
      onChange={(e) => onChange(e.target.value)}
      options={[
        { value: "all", label: `All rows (${countText(items.length)})` },
        ...ITEM_STATES.map((s) => ({
          value: s,
          label: `${ITEM_LABEL[s]} (${countText(items.filter((i) => i.state === s).length)})`,
        })),
      ]}
    />
  );
}

function itemColumns({
  kind,
  entity,
  siteId,
  fromSheet,
}: {
  kind: JobProgress["kind"];
  entity: Entity;
  siteId: number;
  fromSheet: boolean;
}): Column<JobItemView>[] {
  return [
    {
      key: "name",
      header: kind === "create" ? "Name" : "Device",
      card: "title",
      className: "md:whitespace-nowrap",
      cell: (i) => itemName(i),
    },
    fieldColumn("row", fromSheet ? "Sheet line" : "Row", "tabular-nums text-slate-500"),
    {
      key: "id",
      header: "External ID",
      cell: (i) => <span className="font-mono text-xs">{i.externalDeviceId ?? "—"}</span>,
    },
    {
      key: "result",
      header: "Result",
      cell: (i) => <Badge tone={ITEM_TONE[i.state]}>{ITEM_LABEL[i.state]}</Badge>,
    },
    {
      key: "chekt",
      header: `CHeKT ${NOUN[entity]}`,
      className: "tabular-nums",
      cell: (i) => <ChektNumber item={i} href={chektHref(i, entity, kind, siteId)} entity={entity} />,
    },
    {
      key: "message",
      header: "Message",
      // A row with nothing to say leaves the line off its card.
      className: "text-slate-600 max-md:empty:hidden",
      cell: (i) => <ItemMessage item={i} />,
    },
  ];
}

function ChektNumber({ item, href, entity }: { item: JobItemView; href: string | null; entity: Entity }) {
  return href ? (
    <Link className={rowLinkClass} href={href} title={entity === "sites" ? "Open the site" : "Open the site's devices"}>
      {item.chektDeviceId}
    </Link>
  ) : (
    (item.chektDeviceId ?? "—")
  );
}

/** A row's error, and the job it was retried in. */
function ItemMessage({ item }: { item: JobItemView }) {
  return (
    <>
      {item.errorMessage ? `${item.statusCode ?? ""} ${item.errorMessage}` : null}
      {item.retriedInJobId ? (
        <Link className={cn("ml-2", textLinkClass)} href={`./${item.retriedInJobId}`}>
          retried
        </Link>
      ) : null}
    </>
  );
}

function Pager({ page, pages, setPage }: { page: number; pages: number; setPage: (f: (p: number) => number) => void }) {
  return (
    <div className="flex items-center justify-end gap-2 border-t border-slate-200 px-5 py-2 text-sm">
      <Button size="sm" variant="secondary" onClick={() => setPage((p) => Math.max(0, p - 1))} disabled={page === 0}>
        Previous
      </Button>
      <span>
        Page {page + 1} of {pages}
      </span>
      <Button
        size="sm"
        variant="secondary"
        onClick={() => setPage((p) => Math.min(pages - 1, p + 1))}
        disabled={page >= pages - 1}
      >
        Next
      </Button>
    </div>
  );
}
