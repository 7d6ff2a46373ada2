// The desk's and the admin's dealer-scoped pages, rendered to HTML for a user with no dealer connected: each
// still has its heading (and its tabs) over the no-dealer state, as the dashboard does (app/(console)/page.tsx),
// so the page says where the user is. The desk settings page is named the same in its title, heading and tabs.
import { renderToStaticMarkup } from "react-dom/server";
import type { ReactElement } from "react";
import { describe, expect, it, vi } from "vitest";

vi.mock("@/lib/auth/require", () => ({
  requirePageScope: async () => ({
    user: { id: "u1", email: "u1@test", name: "U", role: "admin" },
    dealer: null,
  }),
}));

// The pages' modules validate the configuration on import; with no dealer no query is ever made.
vi.hoisted(() => {
  process.env.DATABASE_URL ??= "postgres://nobody@127.0.0.1:1/never-reached";
});

const noSearch = { searchParams: Promise.resolve({}) };
const pages: [string, () => Promise<ReactElement>, string, string | null][] = [
  [
    "history",
    async () => (await import("@/app/(console)/verifications/history/page")).default(noSearch),
    "Verifications",
    "History",
  ],
  [
    "report",
    async () => (await import("@/app/(console)/verifications/report/page")).default(noSearch),
    "Verifications",
    "Report",
  ],
  [
    "desk settings",
    async () => (await import("@/app/(console)/verifications/settings/page")).default(),
    "Desk settings",
    "Desk settings",
  ],
  ["users", async () => (await import("@/app/(console)/users/page")).default(noSearch), "Users", "Users"],
  [
    "webhook log",
    async () => (await import("@/app/(console)/webhook-log/page")).default(noSearch),
    "Webhook log",
    "Webhook log",
  ],
];

describe("a dealer-scoped page with no dealer connected", () => {
  it.each(pages)("%s: its heading and current tab over the no-dealer state", async (_, render, heading, tab) => {
    const html = renderToStaticMarkup(await render());
    expect(html).toMatch(new RegExp(`<h1[^>]*>${heading}</h1>`));
    if (tab) expect(html).toMatch(new RegExp(`aria-current="page"[^>]*>${tab}</a>`));
    expect(html).toContain("No dealer connected");
    expect(html.indexOf("<h1")).toBeLessThan(html.indexOf("No dealer connected"));
  });

  it("the desk settings page's title is its heading, its desk tab's and its admin tab's label", async () => {
    const { metadata } = await import("@/app/(console)/verifications/settings/page");
    const html = renderToStaticMarkup(await pages[2][1]());
    expect(metadata.title).toBe("Desk settings");
    expect(html.match(/>Desk settings</g)).toHaveLength(2);
    expect(html).not.toMatch(/>(Settings|Desk outcomes)</);
    const admin = renderToStaticMarkup(await pages[3][1]());
    expect(admin).toMatch(/href="\/verifications\/settings"[^>]*>Desk settings</);
  });
});
