// An alarm at a site the mirror has no name for: every part of the desk names it as its queue row
// does ("Site 1042", lib/site-label.ts), the screen reader's words and the picker's included.
import { createElement, type ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { describe, expect, it, vi } from "vitest";
import { QueueRow } from "@/components/verifications/queue/queue-row";
import { SelectedActions } from "@/components/verifications/queue/selected-actions";
import { announcement } from "@/components/verifications/shared/format";
import { SnapshotViewer } from "@/components/verifications/snapshots/snapshot-viewer";
import { DEFAULT_ESCALATION } from "@/lib/verifications/escalation";
import { deskWork, openedAlarm } from "../support/desk-work";
import { QUEUE_NOW, queueItem } from "../support/queue-item";

// The detail view's buttons hold server actions; nothing here presses one, and their module reaches the database.
vi.mock("@/actions/verifications", () => ({}));
// Every snapshot as loaded, so the large one carries its alt text.
vi.mock("@/components/verifications/snapshots/use-snapshot", () => ({
  useSnapshot: () => ({ phase: { kind: "ready", url: "blob:snap" }, retry: () => undefined }),
}));

const item = queueItem("v1", 1, {
  siteId: 1042,
  siteName: null,
  state: "claimed",
  claimedByMe: true,
  snapshots: [{ id: "snap_1", capturedAt: new Date(QUEUE_NOW).toISOString() }],
});

const nothing = () => undefined;
/** The queue's work with the outcome picker asked for: nothing here acts. */
const work = deskWork(item, "dispatch");

const html = (node: ReactNode) =>
  renderToStaticMarkup(createElement(QueryClientProvider, { client: new QueryClient() }, node));

describe("a site the mirror has no name for", () => {
  it("is Site 1042 in the row, and so in the toolbar, the snapshot, the announcement and the picker", () => {
    const row = html(
      createElement(QueueRow, {
        item,
        now: QUEUE_NOW,
        escalation: DEFAULT_ESCALATION,
        selected: true,
        onSelect: nothing,
        onOpen: nothing,
      }),
    );
    expect(row).toContain("Site 1042");
    const views = {
      toolbar: html(createElement(SelectedActions, { item, work, canAnswer: true, canTakeOver: false })),
      snapshot: html(createElement(SnapshotViewer, { item })),
      announcement: announcement(item, QUEUE_NOW),
      detail: html(openedAlarm(item, work)),
    };
    expect.soft(views.toolbar).toContain('aria-label="Actions for Site 1042"');
    expect.soft(views.snapshot).toContain('alt="Snapshot of Site 1042, large"');
    expect.soft(views.announcement).toBe("Panic at Site 1042, 10 minutes");
    expect.soft(views.detail).toContain("CHeKT will be told to dispatch for Site 1042.");
    for (const [view, text] of Object.entries(views)) expect.soft(text, view).not.toContain("site 1042");
  });
});
