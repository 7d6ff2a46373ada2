// Information that was only a tooltip (title=, shown on hover: never on a phone, never at the keyboard), rendered
// to HTML now as text: a fleet alert's whole mail error behind a disclosure, a history row's checklist steps,
// why one's own Disable and Remove are greyed out, and a failed bulk row's field problems under the field.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { OpenAlertsCard } from "@/components/fleet/alert-lists";
import { HistoryTable } from "@/components/verifications/history/history-table";
import type { JobItemView, JobProgress } from "@/lib/bulk/jobs";
import type { AlertView } from "@/lib/fleet/alerts-read";
import { queueItem } from "../support/queue-item";

// Some of these modules validate the configuration on import; nothing here reaches a database.
vi.hoisted(() => {
  process.env.DATABASE_URL ??= "postgres://nobody@127.0.0.1:1/never-reached";
});
vi.mock("next/navigation", () => ({ useRouter: () => ({ push: () => undefined }) }));
vi.mock("@/actions/devices", () => ({ retryFailedItems: async () => undefined }));
vi.mock("@/actions/site-import", () => ({ retrySiteImport: async () => undefined }));
vi.mock("@/actions/users", () => ({
  removeMembershipAction: async () => undefined,
  resetPasswordAction: async () => undefined,
  setDisabledAction: async () => undefined,
}));

const NOW = new Date("2026-11-02T10:00:00.000Z");
const LONG =
  "Can't send mail - all recipients were rejected: 451 4.7.1 Greylisted, please try again later; " +
  "the server at mail.example.test says so for every recipient of this dealer";

describe("a fleet alert whose mail failed", () => {
  const alert = (emailRetryAt: Date | null): AlertView =>
    ({
      id: "a1",
      siteId: 3,
      siteName: "Warehouse",
      deviceName: "Dock camera",
      offlineSince: new Date(NOW.getTime() - 3_600_000),
      clearedAt: null,
      mail: emailRetryAt
        ? {
            state: "waiting",
            text: "Mail not sent yet: 451 4.7.1 Greylisted… — trying again now (try 2 of 4)",
            reason: LONG,
          }
        : { state: "failed", text: `Mail failed: ${LONG.slice(0, 59)}…`, reason: LONG },
    }) as AlertView;

  it.each([null, NOW])("shows the whole error as text behind a disclosure, no tooltip (retry %s)", (retryAt) => {
    const html = renderToStaticMarkup(createElement(OpenAlertsCard, { open: [alert(retryAt)], now: NOW }));
    expect(html).toMatch(/<details[^>]*><summary[^>]*>(?:<svg.*?<\/svg>)?The whole error<\/summary>/);
    expect(html).toContain(`data-testid="mail-error">${LONG.replace(/'/g, "&#x27;")}</p>`);
    expect(html).not.toContain("title=");
  });
});

describe("a history row's checklist", () => {
  it("lists each step, checked or not, behind its count: no tooltip", () => {
    const row = queueItem("v1", 1, { state: "dispatched" });
    const details = new Map([
      [
        "v1",
        {
          outcome: "Police dispatched",
          annotation: null,
          steps: [
            { id: "s1", text: "Looked at the snapshot", optional: false, checked: true },
            { id: "s2", text: "Called the keyholder", optional: true, checked: false },
          ],
        },
      ],
    ]);
    const html = renderToStaticMarkup(createElement(HistoryTable, { rows: [row], details }));
    expect(html).toMatch(/<summary[^>]*>(?:<svg.*?<\/svg>)?1\/2 steps checked<\/summary>/);
    expect(html).toContain("Checked: </span>Looked at the snapshot");
    expect(html).toContain("Not checked: </span>Called the keyholder (optional)");
    expect(html).not.toContain("title=");
  });
});

describe("one's own row on the users page", () => {
  it("says in words why Disable and Remove are greyed out, tied to both buttons", async () => {
    const { UserRowActions } = await import("@/components/admin/user-row-actions");
    const props = { userId: "u1", email: "me@a.example", disabled: false, dealerName: "Acme Security" };
    const html = renderToStaticMarkup(createElement(UserRowActions, { ...props, isSelf: true }));
    const note = /<p id="([^"]+)"[^>]*>You cannot disable yourself or remove yourself from this dealer\.<\/p>/.exec(
      html,
    );
    expect(note).not.toBeNull();
    expect(html.match(new RegExp(`disabled="" aria-describedby="${note![1]}"`, "g"))).toHaveLength(2);
    expect(html).not.toContain("title=");
    const other = renderToStaticMarkup(createElement(UserRowActions, { ...props, isSelf: false }));
    expect(other).not.toContain("You cannot");
  });
});

describe("a failed bulk row's fields", () => {
  it("says each field's problem as text under it, tied to the field", async () => {
    const { FailedRows } = await import("@/components/devices/failed-rows");
    const job = { id: "j1", kind: "create", state: "done", total: 1, failed: 1 } as JobProgress;
    const item: JobItemView = {
      id: "item-1",
      position: 0,
      row: 2,
      fromSheet: false,
      externalDeviceId: "EXT-1",
      chektDeviceId: null,
      state: "failed",
      statusCode: 400,
      errorMessage: "Invalid device",
      payload: { external_device_id: "EXT-1", name: "", device_type: "toaster" },
      retriedInJobId: null,
    };
    const html = renderToStaticMarkup(
      createElement(FailedRows, { siteId: 3, entity: "devices", job, items: [item], canEdit: true }),
    );
    const notes = [...html.matchAll(/<p id="(failed-item-1-[a-z_]+-error)"[^>]*>([^<]+)<\/p>/g)];
    expect(notes.length).toBeGreaterThan(0);
    for (const [, id] of notes) expect(html).toContain(`aria-describedby="${id}"`);
    expect(html).not.toContain("title=");
  });
});
