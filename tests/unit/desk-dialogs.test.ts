// The alarm desk's views as the server renders them: a read that failed says why and offers "Try
// again" (the first queue load, the opened alarm's site and call list, the outcome picker's outcomes);
// the selected alarm's toolbar sticks below the shell's header, not under it; a dialog's buttons row
// wraps on a phone; "Release claim" waits while it is on its way; an escalation is spoken once, by the
// queue's announcer, not a second time by the admins' banner.
import fs from "node:fs";
import path from "node:path";
import { createElement, type ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { describe, expect, it, vi } from "vitest";
import { Button } from "@/components/ui";
import { DialogPanel } from "@/components/ui/dialog-panel";
import { OutcomePicker } from "@/components/verifications/answer/outcome-picker";
import { DetailActions } from "@/components/verifications/detail/detail-actions";
import { EscalationBanner } from "@/components/verifications/queue/escalation-banner";
import { QueueBody } from "@/components/verifications/queue/queue-body";
import { SelectedActions } from "@/components/verifications/queue/selected-actions";
import { DEFAULT_ESCALATION } from "@/lib/verifications/escalation";
import { atDeskDealer, DESK_DEALER, deskWork, openedAlarm } from "../support/desk-work";
import { QUEUE_NOW, queueItem } from "../support/queue-item";

vi.mock("@/actions/verifications", () => ({}));

const nothing = () => undefined;
const item = queueItem("v1", 1, { state: "claimed", claimedByMe: true });
const work = deskWork(item);

/** A cache whose query under `key` failed with `message` (and is not read again on mount). */
async function failedRead(key: readonly unknown[], message: string) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false, retryOnMount: false } } });
  await client.prefetchQuery({ queryKey: key, queryFn: () => Promise.reject(new Error(message)) });
  return client;
}

const render = (client: QueryClient, node: ReactNode) =>
  renderToStaticMarkup(createElement(QueryClientProvider, { client }, node));

/** The alert holding `message`, and the "Try again" button inside it. */
function expectRetry(html: string, message: string) {
  const alert = new RegExp(`role="alert"[\\s\\S]*?${message.replace(/[()]/g, "\\$&")}[\\s\\S]*?</button>`).exec(html);
  expect(alert, `an alert with "${message}"`).not.toBeNull();
  expect(alert![0]).toMatch(/<button[^>]*type="button"[^>]*><span>Try again<\/span><\/button>$/);
}

describe("a failed read says why and offers Try again", () => {
  it("the queue's first load", () => {
    const html = renderToStaticMarkup(
      QueueBody({
        error: new Error("Could not load the queue (HTTP 502)"),
        loading: false,
        empty: true,
        retrying: false,
        onRetry: nothing,
        children: null,
      }),
    );
    expectRetry(html, "Could not load the queue (HTTP 502)");
  });

  it("the opened alarm's site and call list", async () => {
    const message = "Could not load the site and call list (HTTP 500)";
    const client = await failedRead(["desk-detail", DESK_DEALER.id, "v1"], message);
    const html = render(client, openedAlarm(item, work));
    expectRetry(html, message);
  });

  it("the outcome picker's outcomes, its Dispatch button off until they load", async () => {
    const message = "Could not load the outcomes (HTTP 503)";
    const client = await failedRead(["desk-outcomes", DESK_DEALER.id, "v1"], message);
    const html = render(
      client,
      atDeskDealer(
        createElement(OutcomePicker, {
          open: true,
          kind: "dispatch",
          verificationId: "v1",
          siteLabel: "Camden Office Suites",
          pending: false,
          onClose: nothing,
          onConfirm: nothing,
        }),
      ),
    );
    expectRetry(html, message);
    expect(html).toMatch(/<button[^>]*disabled=""[^>]*><span>Dispatch<\/span><\/button>/);
  });
});

describe("layout", () => {
  it("the selected alarm's toolbar sticks right below the shell's sticky header, above the rows' scroll margin", () => {
    const header = fs.readFileSync(path.join(__dirname, "../../components/shell/shell-header.tsx"), "utf8");
    expect(header).toMatch(/sticky top-0 z-20 flex h-16/);
    const toolbar = renderToStaticMarkup(
      createElement(SelectedActions, { item, work, canAnswer: true, canTakeOver: false }),
    );
    const classes = /class="([^"]*)"/.exec(toolbar)![1]!.split(" ");
    expect(classes).toEqual(expect.arrayContaining(["sticky", "top-16", "z-10"]));
    expect(classes).not.toContain("top-0");
  });

  it("a dialog's buttons row wraps, so no button is pushed off a phone's screen", () => {
    const html = renderToStaticMarkup(
      createElement(DialogPanel, {
        titleId: "t",
        descId: "d",
        title: "Alarm",
        onClose: nothing,
        dismissible: true,
        footer: createElement(Button, null, "Dispatch…"),
      }),
    );
    const row = /<div class="([^"]*)"><button[^>]*><span>Dispatch…<\/span><\/button><\/div>/.exec(html)![1]!.split(" ");
    expect(row).toEqual(expect.arrayContaining(["flex", "flex-wrap", "justify-end"]));
  });
});

describe("Release claim", () => {
  it("waits while the release is on its way, and the answer buttons with it", () => {
    const actions = (releasing: boolean) =>
      renderToStaticMarkup(
        createElement(DetailActions, {
          item,
          canAnswer: true,
          canTakeOver: false,
          claiming: false,
          releasing,
          phase: { kind: "idle" },
          onClaim: async () => undefined,
          onRelease: nothing,
          onIntent: nothing,
          onClose: nothing,
        }),
      );
    expect(actions(false)).toMatch(/<button(?![^>]*disabled="")[^>]*><span>Release claim<\/span><\/button>/);
    const waiting = actions(true);
    expect(waiting).toMatch(/<button[^>]*disabled=""[^>]*aria-busy="true"><svg.*?<\/svg><span>Releasing…<\/span>/);
    expect(waiting).toMatch(/<button[^>]*disabled=""[^>]*><span>Dispatch…<\/span><\/button>/);
  });
});

describe("an escalation is spoken once", () => {
  it("the admins' banner is not a live region (the queue's escalation announcer speaks it)", () => {
    const escalated = queueItem("v2", 1, { state: "pending" });
    const html = renderToStaticMarkup(
      createElement(EscalationBanner, {
        escalated: { message: "1 alarm unclaimed for over 60 s", ids: ["v2"], unclaimed: 1, runningOut: 0 },
        items: [escalated],
        now: QUEUE_NOW,
        settings: DEFAULT_ESCALATION,
        onSelect: nothing,
      }),
    );
    expect(html).toContain("1 alarm unclaimed for over 60 s");
    expect(html).not.toMatch(/role="(alert|status|log)"|aria-live="(polite|assertive)"/);
  });
});
