import "server-only";
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { ActionError } from "@/lib/actions/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import {
  OUTCOME_KINDS,
  type ChecklistInput,
  type ChecklistStep,
  type CheckedStep,
  type EffectiveChecklist,
  type Outcome,
  type OutcomeKind,
  type OutcomesInput,
} from "./outcomes-schemas";
import { operatorName, type Operator } from "./operator";

// A dealer's outcome codes and checklists (docs/desk.md, "Outcomes and checklists"): reads for the
// picker and the settings page, the answer's check, and the admin's writes. Every query is keyed by
// the dealer link, so an id of another dealer finds nothing.
type Db = Prisma.TransactionClient;
type Dealer = { id: string };

export const DEALER_SCOPE = "dealer";
export const siteScope = (siteId: number) => `site:${siteId}`;

const isKind = (k: string): k is OutcomeKind => OUTCOME_KINDS.some((kind) => kind === k);

function toOutcome(r: { id: string; label: string; kind: string; active: boolean }): Outcome {
  // The table's CHECK constraint allows only the two kinds; a row outside them would be a bug.
  if (!isKind(r.kind)) throw new Error(`desk_outcomes row ${r.id} has kind ${r.kind}`);
  return { id: r.id, label: r.label, kind: r.kind, active: r.active };
}

// A stored step; `optional` is true only when it says so.
const storedStep = z.object({ id: z.string(), text: z.string(), optional: z.boolean().catch(false) });

/** Reads the stored steps, dropping anything that is not a step (the column is JSON). */
export function parseSteps(json: unknown): ChecklistStep[] {
  if (!Array.isArray(json)) return [];
  return json.flatMap((s: unknown) => {
    const step = storedStep.safeParse(s);
    return step.success ? [step.data] : [];
  });
}

export async function listOutcomes(db: Db, dealer: Dealer, opts: { activeOnly?: boolean } = {}): Promise<Outcome[]> {
  const rows = await db.deskOutcome.findMany({
    where: { dealerLinkId: dealer.id, ...(opts.activeOnly ? { active: true } : {}) },
    orderBy: [{ position: "asc" }, { label: "asc" }],
  });
  return rows.map(toOutcome);
}

/** The dealer's checklist and, when the site has one, the site's own. */
export async function checklists(
  db: Db,
  dealer: Dealer,
  siteId?: number,
): Promise<{ dealer: ChecklistStep[]; site: ChecklistStep[] | null }> {
  const scopes = [DEALER_SCOPE, ...(siteId ? [siteScope(siteId)] : [])];
  const rows = await db.deskChecklist.findMany({ where: { dealerLinkId: dealer.id, scope: { in: scopes } } });
  const of = (scope: string) => rows.find((r) => r.scope === scope);
  const own = siteId ? of(siteScope(siteId)) : undefined;
  return { dealer: parseSteps(of(DEALER_SCOPE)?.steps), site: own ? parseSteps(own.steps) : null };
}

/** The checklist that applies when answering an alarm of this site. */
export async function effectiveChecklist(db: Db, dealer: Dealer, siteId: number): Promise<EffectiveChecklist> {
  const c = await checklists(db, dealer, siteId);
  return c.site ? { source: "site", steps: c.site } : { source: "dealer", steps: c.dealer };
}

/**
 * The answer's check: the outcome must be an active code of THIS dealer of the answer's kind, and
 * every step of the site's checklist not marked optional must be checked. Returns what the answer
 * keeps (label and step texts as they read now). Refusals carry field messages for the picker.
 */
export async function resolveAnswerOutcome(
  db: Db,
  dealer: Dealer,
  siteId: number,
  action: OutcomeKind,
  input: { outcomeId: string; checkedSteps: string[] },
): Promise<{ outcome: Outcome; steps: CheckedStep[] }> {
  const row = await db.deskOutcome.findFirst({ where: { id: input.outcomeId, dealerLinkId: dealer.id } });
  if (!row || !row.active) {
    throw new ActionError("validation", "Choose an outcome from this dealer's list.", {
      outcomeId: "Choose an outcome from this dealer's list",
    });
  }
  const outcome = toOutcome(row);
  if (outcome.kind !== action) {
    const msg = `"${outcome.label}" is a ${outcome.kind} outcome; choose a ${action} outcome`;
    throw new ActionError("validation", `${msg}.`, { outcomeId: msg });
  }
  const { steps } = await effectiveChecklist(db, dealer, siteId);
  const checked = new Set(input.checkedSteps);
  const unknown = input.checkedSteps.filter((id) => !steps.some((s) => s.id === id));
  if (unknown.length) {
    // The checklist changed while the picker was open: the operator must see the current one.
    throw new ActionError("validation", "The checklist was changed meanwhile; reopen the outcome picker.", {
      checkedSteps: "The checklist was changed meanwhile",
    });
  }
  const missing = steps.filter((s) => !s.optional && !checked.has(s.id));
  if (missing.length) {
    const msg = `Check every required step first (${missing.length} left: ${missing.map((s) => s.text).join("; ")})`;
    throw new ActionError("validation", `${msg}.`, { checkedSteps: msg });
  }
  return { outcome, steps: steps.map((s) => ({ ...s, checked: checked.has(s.id) })) };
}

/**
 * A row sent without an id that reads as an active code nobody else in the list keeps (same label, any case,
 * same kind) is that code: an editor still showing a code it just created, or a second tab, sends it again
 * without its id, and retiring it for a new twin would split its answers between two codes.
 */
function withSameCodes(before: Outcome[], rows: OutcomesInput["outcomes"]): OutcomesInput["outcomes"] {
  const claimed = new Set(rows.flatMap((o) => (o.id ? [o.id] : [])));
  return rows.map((o) => {
    if (o.id) return o;
    const same = before.find(
      (b) => b.active && !claimed.has(b.id) && b.kind === o.kind && b.label.toLowerCase() === o.label.toLowerCase(),
    );
    if (!same) return o;
    claimed.add(same.id);
    return { ...o, id: same.id };
  });
}

/**
 * Saves the dealer's outcome list in the given order. Codes are matched by id (this dealer's
 * only); codes left out are retired, not deleted, since past answers name them.
 */
export async function saveOutcomesInTx(
  tx: Db,
  dealer: Dealer,
  input: OutcomesInput,
): Promise<{ before: Outcome[]; after: Outcome[] }> {
  const before = await listOutcomes(tx, dealer);
  const known = new Set(before.map((o) => o.id));
  const stray = input.outcomes.find((o) => o.id && !known.has(o.id));
  if (stray) throw new ActionError("not_found", "An outcome in the list is not this dealer's; reload the page.");
  const list = withSameCodes(before, input.outcomes);
  const kept = new Set(list.flatMap((o) => (o.id ? [o.id] : [])));
  // Labels are unique per dealer: park every row under a temporary label first so a swap of two
  // labels, or a retired code's label given to a new one, never trips the unique index midway.
  const retired = before.filter((o) => !kept.has(o.id));
  for (const o of before) await tx.deskOutcome.update({ where: { id: o.id }, data: { label: `(saving) ${o.id}` } });
  const takenByNew = new Set(list.map((o) => o.label.toLowerCase()));
  for (const [i, o] of retired.entries()) {
    const label = takenByNew.has(o.label.toLowerCase()) ? `${o.label} (retired)` : o.label;
    await tx.deskOutcome.update({
      where: { id: o.id },
      data: { label, active: false, position: input.outcomes.length + i },
    });
  }
  for (const [position, o] of list.entries()) {
    const data = { label: o.label, kind: o.kind, active: o.active, position };
    if (o.id) await tx.deskOutcome.update({ where: { id: o.id }, data });
    else await tx.deskOutcome.create({ data: { ...data, dealerLinkId: dealer.id } });
  }
  return { before, after: await listOutcomes(tx, dealer) };
}

const newStepId = () => `st_${randomBytes(6).toString("hex")}`;

/**
 * Saves the dealer's checklist, or a site's own ("own"), or removes a site's own ("inherit").
 * Step ids already in that list are kept (answers refer to them), new steps get a new id. A site
 * must be in this dealer's mirror.
 */
export async function saveChecklistInTx(
  tx: Db,
  dealer: Dealer,
  input: ChecklistInput,
  me: Pick<Operator, "name" | "email">,
): Promise<{ before: ChecklistStep[] | null; after: ChecklistStep[] | null }> {
  if (input.siteId) {
    const site = await tx.mirrorSite.findUnique({
      where: { dealerLinkId_chektId: { dealerLinkId: dealer.id, chektId: input.siteId } },
      select: { chektId: true },
    });
    if (!site) throw new ActionError("not_found", `This dealer has no site ${input.siteId}.`);
  } else if (input.mode === "inherit") {
    throw new ActionError("validation", "The dealer's checklist has nothing to inherit from.");
  }
  const scope = input.siteId ? siteScope(input.siteId) : DEALER_SCOPE;
  const key = { dealerLinkId_scope: { dealerLinkId: dealer.id, scope } };
  const current = await tx.deskChecklist.findUnique({ where: key });
  const before = current ? parseSteps(current.steps) : null;
  if (input.mode === "inherit") {
    await tx.deskChecklist.deleteMany({ where: { dealerLinkId: dealer.id, scope } });
    return { before, after: null };
  }
  const ids = new Set((before ?? []).map((s) => s.id));
  const steps: ChecklistStep[] = input.steps.map((s) => ({
    id: s.id && ids.has(s.id) ? s.id : newStepId(),
    text: s.text,
    optional: s.optional,
  }));
  const data = { steps, siteId: input.siteId ?? null, updatedByName: operatorName(me) };
  await tx.deskChecklist.upsert({ where: key, create: { dealerLinkId: dealer.id, scope, ...data }, update: data });
  return { before, after: steps };
}
