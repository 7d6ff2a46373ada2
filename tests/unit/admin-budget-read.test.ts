// readBudget (components/admin/read-budget.ts): the Settings budget panel's read of /api/chekt/budget,
// checked against components/admin/budget-panel-types.ts, and what the panel says when it is refused or
// unreadable.
import { describe, expect, it } from "vitest";
import { BudgetUnread, readBudget } from "@/components/admin/read-budget";
import { budgetPanelSchema, type BudgetPanelCounts, type BudgetPanelData } from "@/components/admin/budget-panel-types";
import { BUDGET_CLASSES, BUDGET_CLASS_LABELS } from "@/lib/chekt/budget-class";
import { answerFetch } from "../support/fetch-answer";

const NOW = new Date("2026-12-01T15:00:00Z").getTime();
const UNREAD = "The budget could not be read: the server's answer was not a budget. Retrying.";

const counts = (calls: Record<string, number>, more: Partial<BudgetPanelCounts> = {}): BudgetPanelCounts => ({
  calls: { ...Object.fromEntries(BUDGET_CLASSES.map((c) => [c, 0])), ...calls },
  rateLimited: 0,
  waits: 0,
  waitMs: 0,
  ...more,
});

/**
 * The panel as budgetPanel builds it (lib/chekt/budget-panel.ts): the partner over three minutes, a write
 * two minutes ago, an answer that waited and met a 429 this minute.
 */
const panel: BudgetPanelData = {
  at: new Date(NOW).toISOString(),
  windowMinutes: 3,
  classes: BUDGET_CLASSES.map((id) => ({ id, label: BUDGET_CLASS_LABELS[id] })),
  credentials: [
    {
      credential: "client:partner",
      label: "Partner client partner",
      perMin: 60,
      burst: 10,
      tokens: 7.3,
      blockedForS: 2,
      waitS: { answer: 0, write: 0, snapshot: 0.3, read: 1.2, bulk: 3, sync: 3 },
      minutes: [
        { minute: new Date(NOW - 120_000).toISOString(), ...counts({ write: 2 }) },
        { minute: new Date(NOW - 60_000).toISOString(), ...counts({}) },
        { minute: new Date(NOW).toISOString(), ...counts({ answer: 1 }, { rateLimited: 1, waits: 1, waitMs: 800 }) },
      ],
      totals: counts({ write: 2, answer: 1 }, { rateLimited: 1, waits: 1, waitMs: 800 }),
    },
  ],
};

describe("readBudget", () => {
  it("reads the budget route's answer", async () => {
    const urls = answerFetch(JSON.stringify(panel));
    expect(await readBudget()).toEqual(panel);
    expect(urls).toEqual(["/api/chekt/budget"]);
  });

  // The panel keeps its own words for a refusal: only admins reach the route, and a poll retries anyway.
  it("says only an admin can see the budget when the route refuses the viewer", async () => {
    answerFetch(JSON.stringify({ error: { code: "forbidden", message: "Admins only." } }), 403);
    await expect(readBudget()).rejects.toThrow(/^Only an admin can see the budget\.$/);
  });

  it("says the budget could not be read, and retries, when the route fails", async () => {
    answerFetch(JSON.stringify({ error: { code: "internal", message: "Something went wrong." } }), 500);
    await expect(readBudget()).rejects.toThrow(/^The budget could not be read \(HTTP 500\)\. Retrying\.$/);
  });

  it.each([
    { what: "of another shape", body: JSON.stringify({ at: 1, credentials: [] }) },
    { what: "a list", body: "[]" },
    { what: "not JSON", body: "<html>maintenance</html>" },
    {
      what: "a credential without its minutes",
      body: JSON.stringify({ ...panel, credentials: [{ ...panel.credentials[0], minutes: undefined }] }),
    },
  ])("says the budget could not be read for an answer that is $what", async ({ body }) => {
    answerFetch(body);
    const failure = await readBudget().then(
      () => null,
      (e: unknown) => e,
    );
    // A BudgetUnread: the panel shows its message as it is (components/admin/budget-panel.tsx).
    expect(failure).toBeInstanceOf(BudgetUnread);
    expect(failure).toHaveProperty("message", UNREAD);
  });
});

describe("budgetPanelSchema", () => {
  it("reads the panel as the route builds it, through JSON", () => {
    expect(budgetPanelSchema.parse(JSON.parse(JSON.stringify(panel)))).toEqual(panel);
  });
});
