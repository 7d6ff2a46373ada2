import "server-only";
import { env } from "../env";
import { prisma } from "../db";
import { BUDGET_CLASSES, BUDGET_CLASS_LABELS } from "./budget-class";
import { credentialKey, type BudgetView } from "./budget";
import { minuteOf } from "./budget-store";
import { budgetFor, partnerBudget } from "./index";
import type {
  BudgetPanelCounts,
  BudgetPanelCredential,
  BudgetPanelData,
} from "../../components/admin/budget-panel-types";

/**
 * The Settings panel's figures (app/api/chekt/budget): per credential, tokens, waits, calls per
 * class per minute, 429s. Reads the budgets' rows and usage; makes no call to CHeKT.
 */

const empty = (): BudgetPanelCounts => ({
  calls: Object.fromEntries(BUDGET_CLASSES.map((c) => [c, 0])),
  rateLimited: 0,
  waits: 0,
  waitMs: 0,
});

function add(
  into: BudgetPanelCounts,
  row: { budgetClass: string; calls: number; rateLimited: number; waits: number; waitMs: number },
) {
  into.calls[row.budgetClass] = (into.calls[row.budgetClass] ?? 0) + row.calls;
  into.rateLimited += row.rateLimited;
  into.waits += row.waits;
  into.waitMs += row.waitMs;
}

export function panelCredential(
  view: BudgetView,
  label: string,
  now: number,
  windowMinutes: number,
): BudgetPanelCredential {
  const first = minuteOf(now) - (windowMinutes - 1) * 60_000;
  const minutes = Array.from({ length: windowMinutes }, (_, i) => ({
    minute: new Date(first + i * 60_000).toISOString(),
    ...empty(),
  }));
  const totals = empty();
  for (const row of view.usage) {
    const i = (minuteOf(row.minute.getTime()) - first) / 60_000;
    if (i < 0 || i >= windowMinutes) continue;
    add(minutes[i], row);
    add(totals, row);
  }
  return {
    credential: view.credential,
    label,
    perMin: view.perMin,
    burst: view.burst,
    tokens: Math.round(view.tokens * 10) / 10,
    blockedForS: Math.ceil(view.blockedForMs / 1000),
    waitS: Object.fromEntries(BUDGET_CLASSES.map((c) => [c, Math.ceil(view.waits[c] / 100) / 10])),
    minutes,
    totals,
  };
}

export function panelData(credentials: BudgetPanelCredential[], now: number, windowMinutes: number): BudgetPanelData {
  return {
    at: new Date(now).toISOString(),
    windowMinutes,
    classes: BUDGET_CLASSES.map((id) => ({ id, label: BUDGET_CLASS_LABELS[id] })),
    credentials,
  };
}

/**
 * The partner's budget first (one partner credential serves every dealer), then the CHeKT App keys
 * that have been used: every one for the organisation owner, only those of the given keys (the
 * current dealer's) for a dealer admin, so no dealer sees another dealer's key usage.
 */
export async function budgetPanel(apiKeys: "all" | string[], windowMinutes = 5): Promise<BudgetPanelData> {
  const now = Date.now();
  const since = now - windowMinutes * 60_000;
  const partner = partnerBudget();
  const credential =
    apiKeys === "all"
      ? { startsWith: "key:" }
      : { in: apiKeys.map((apiKey) => credentialKey({ type: "api_key", apiKey })) };
  const rows = await prisma.chektBudget.findMany({
    where: { credential },
    select: { credential: true },
    orderBy: { credential: "asc" },
    take: 50,
  });
  const views = await Promise.all([partner, ...rows.map((r) => budgetFor(r.credential))].map((b) => b.view(since)));
  return panelData(
    views.map((v, i) =>
      panelCredential(
        v,
        i === 0 ? `Partner client ${env.CHEKT_CLIENT_ID}` : `CHeKT App key (hash ${v.credential.slice(4, 12)}…)`,
        now,
        windowMinutes,
      ),
    ),
    now,
    windowMinutes,
  );
}
