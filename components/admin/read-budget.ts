import { bodyAs } from "@/lib/json-as";
import { budgetPanelSchema, type BudgetPanelData } from "./budget-panel-types";

/** A failure whose message is already what the budget panel says. */
export class BudgetUnread extends Error {}

/** The budget panel's figures; a refusal or an answer of another shape throws what the panel says. */
export async function readBudget(): Promise<BudgetPanelData> {
  const res = await fetch("/api/chekt/budget", { cache: "no-store" });
  if (res.status === 403) throw new BudgetUnread("Only an admin can see the budget.");
  if (!res.ok) throw new BudgetUnread(`The budget could not be read (HTTP ${res.status}). Retrying.`);
  const budget = await bodyAs(res, budgetPanelSchema);
  // Polled: the next poll reads it again, so the panel says it retries rather than asking for a reload.
  if (!budget) throw new BudgetUnread("The budget could not be read: the server's answer was not a budget. Retrying.");
  return budget;
}
