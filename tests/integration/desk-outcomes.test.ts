// Outcome codes, checklists and the annotation sent to CHeKT, against real Postgres and the real
// simulator: an answer needs an outcome of this dealer of the right kind and every required step;
// what was picked lands on the row and in the audit; the annotation reaches the simulator's alarm
// with the label, steps and notes, is retried after 429/5xx without touching the answer, and is
// not sent (and says so) when the App key lacks events:write.
import { randomUUID } from "node:crypto";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { alice, answerInput, type DeskDealer } from "../support/desk-alarms";
import { deskFile } from "../support/desk-file";
import { clearSimFaults, simApps, simFault, simPatchApp } from "../support/sim-world";
import { seedTestOutcomes, type OutcomePicks } from "./desk-outcomes-helpers";
import { seedDealerLink } from "./webhooks-helpers";

let other: DeskDealer;
let otherPicks: OutcomePicks;
let answer: typeof import("@/lib/verifications/answer");
let outcomes: typeof import("@/lib/verifications/outcomes");
let annotate: typeof import("@/lib/verifications/annotate");

async function db0() {
  return (await import("@/lib/db")).prisma;
}

const answerAsAlice = async (input: ReturnType<typeof answerInput>) =>
  answer.answerVerification(await desk.ctxFor(alice), desk.dealer, alice, input);

/** The simulator's own record of an alarm's annotations (its store; CHeKT keeps them on the alarm). */
function simAnnotations(alarmId: string) {
  return desk.sim.state.alarms.get(Number(alarmId.replace(/^alm_/, "")))?.annotations ?? [];
}

async function row(id: string) {
  return (await db0()).verification.findUniqueOrThrow({
    where: { dealerLinkId_id: { dealerLinkId: desk.dealer.id, id } },
  });
}

async function annotationRow(id: string) {
  return (await db0()).deskAnnotation.findUnique({
    where: { dealerLinkId_verificationId: { dealerLinkId: desk.dealer.id, verificationId: id } },
  });
}

async function setChecklist(input: {
  siteId?: number;
  mode: "own" | "inherit";
  steps: { text: string; optional: boolean }[];
}) {
  const prisma = await db0();
  return prisma.$transaction((tx) => outcomes.saveChecklistInTx(tx, desk.dealer, input, alice));
}

const desk = deskFile();

/** Runs `fn` while the dealer's App key lacks events:write (the simulator's app), then gives it back. */
async function withoutEventsWrite<T>(fn: () => Promise<T>): Promise<T> {
  const app = (await simApps(desk.sim.url)).find((a) => a.dealer_id === 1);
  if (!app) throw new Error("the demo seed has no CHeKT App for dealer 1");
  await simPatchApp(desk.sim.url, app.id, { scopes: app.scopes.filter((s) => s !== "events:write") });
  try {
    return await fn();
  } finally {
    await simPatchApp(desk.sim.url, app.id, { scopes: app.scopes });
  }
}

beforeAll(async () => {
  other = { id: await seedDealerLink(desk.db.url, { key: "other-dealer", chektDealerId: 2 }), chektDealerId: 2 };
  otherPicks = await seedTestOutcomes(other.id);
  answer = await import("@/lib/verifications/answer");
  outcomes = await import("@/lib/verifications/outcomes");
  annotate = await import("@/lib/verifications/annotate");
  // The site checklist override needs the site in this dealer's mirror.
  await (await import("@/lib/mirror/sweep")).sweepDealer({ dealerLinkId: desk.dealer.id, dealerId: 1 });
}, 180_000);

afterEach(async () => {
  await clearSimFaults(desk.sim.url);
  const prisma = await db0();
  await prisma.deskChecklist.deleteMany({ where: { dealerLinkId: desk.dealer.id } });
});

describe("the answer's outcome", () => {
  it("an answer without an outcome is refused by the action's schema with 'Choose an outcome'", async () => {
    const { answerSchema } = await import("@/lib/verifications/schemas");
    const parsed = answerSchema.safeParse({ id: "v1", action: "dispatch", contactId: 1 });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.find((i) => i.path[0] === "outcomeId")?.message).toBe("Choose an outcome");
    expect(
      answerSchema.safeParse({ id: "v1", action: "dispatch", contactId: 1, outcomeId: "not-a-uuid" }).success,
    ).toBe(false);
  });

  it(
    "another dealer's outcome, an unknown one and one of the other kind are refused; " + "nothing is claimed or stored",
    async () => {
      const v = await desk.raise(1);
      const base = { id: v.verification_id, contactId: v.contact_id, checkedSteps: [] };
      const ctx = await desk.ctxFor(alice);
      await expect(
        answer.answerVerification(ctx, desk.dealer, alice, {
          ...base,
          action: "dispatch",
          outcomeId: otherPicks.dispatch,
        }),
      ).rejects.toThrow(/Choose an outcome from this dealer's list/);
      await expect(
        answer.answerVerification(ctx, desk.dealer, alice, { ...base, action: "dispatch", outcomeId: randomUUID() }),
      ).rejects.toThrow(/Choose an outcome from this dealer's list/);
      await expect(
        answer.answerVerification(ctx, desk.dealer, alice, {
          ...base,
          action: "dispatch",
          outcomeId: desk.picks.disregard,
        }),
      ).rejects.toThrow(/is a disregard outcome; choose a dispatch outcome/);
      const r = await row(v.verification_id);
      expect(r).toMatchObject({ state: "pending", claimedById: null, answerIdemKey: null, answerOutcomeId: null });
      expect(await annotationRow(v.verification_id)).toBeNull();
    },
  );

  it("a retired outcome is refused", async () => {
    const prisma = await db0();
    const retired = await prisma.deskOutcome.create({
      data: {
        dealerLinkId: desk.dealer.id,
        label: `Retired ${randomUUID()}`,
        kind: "dispatch",
        active: false,
        position: 99,
      },
    });
    const v = await desk.raise(1);
    await expect(answerAsAlice(answerInput(v, "dispatch", retired.id))).rejects.toThrow(
      /Choose an outcome from this dealer's list/,
    );
  });

  it("an incomplete checklist is refused naming the steps left; optional steps may stay unchecked", async () => {
    const saved = await setChecklist({
      mode: "own",
      steps: [
        { text: "Reviewed the snapshots", optional: false },
        { text: "Asked for the passcode", optional: true },
      ],
    });
    const [required, optional] = saved.after!;
    const v = await desk.raise(1);
    await expect(answerAsAlice(answerInput(v, "disregard", desk.picks.disregard, [optional.id]))).rejects.toThrow(
      /Check every required step first \(1 left: Reviewed the snapshots\)/,
    );
    expect((await row(v.verification_id)).state).toBe("pending");
    const out = await answerAsAlice(answerInput(v, "disregard", desk.picks.disregard, [required.id]));
    expect(out).toMatchObject({ outcome: "answered", state: "disregarded" });
    const r = await row(v.verification_id);
    expect(r.answerOutcomeLabel).toBe("False alarm – animal");
    expect(r.answerSteps).toEqual([
      { id: required.id, text: "Reviewed the snapshots", optional: false, checked: true },
      { id: optional.id, text: "Asked for the passcode", optional: true, checked: false },
    ]);
  });

  it(
    "a site with its own checklist uses it instead of the dealer's; " + "back to 'inherit' the dealer's applies again",
    async () => {
      const dealerList = await setChecklist({ mode: "own", steps: [{ text: "Dealer step", optional: false }] });
      const siteList = await setChecklist({
        siteId: 1,
        mode: "own",
        steps: [{ text: "Open the gate with code 4711", optional: false }],
      });
      const prisma = await db0();
      expect(await outcomes.effectiveChecklist(prisma, desk.dealer, 1)).toMatchObject({
        source: "site",
        steps: [{ text: "Open the gate with code 4711" }],
      });
      expect(await outcomes.effectiveChecklist(prisma, desk.dealer, 2)).toMatchObject({
        source: "dealer",
        steps: [{ text: "Dealer step" }],
      });
      const v = await desk.raise(1);
      // The dealer's step is not on this site's list: the picker was showing an old checklist.
      await expect(
        answerAsAlice(answerInput(v, "dispatch", desk.picks.dispatch, [dealerList.after![0].id])),
      ).rejects.toThrow(/checklist was changed meanwhile/);
      expect(
        await answerAsAlice(answerInput(v, "dispatch", desk.picks.dispatch, [siteList.after![0].id])),
      ).toMatchObject({
        outcome: "answered",
      });
      await setChecklist({ siteId: 1, mode: "inherit", steps: [] });
      expect(await outcomes.effectiveChecklist(prisma, desk.dealer, 1)).toMatchObject({
        source: "dealer",
        steps: [{ text: "Dealer step" }],
      });
    },
  );

  it("a site of another dealer (or none) cannot get a checklist", async () => {
    const prisma = await db0();
    await expect(
      prisma.$transaction((tx) => outcomes.saveChecklistInTx(tx, other, { siteId: 1, mode: "own", steps: [] }, alice)),
    ).rejects.toThrow(/has no site 1/);
  });
});

describe("the annotation", () => {
  it(
    "after the answer: queued in the same transaction, sent with the outcome label, steps and notes; the " +
      "audit row names the outcome",
    async () => {
      const saved = await setChecklist({
        mode: "own",
        steps: [
          { text: "Called the keyholder", optional: false },
          { text: "Asked for the passcode", optional: true },
        ],
      });
      const v = await desk.raise(1);
      const prisma = await db0();
      await prisma.verificationNote.create({
        data: {
          dealerLinkId: desk.dealer.id,
          verificationId: v.verification_id,
          authorName: "Alice",
          text: "Keyholder on the way",
        },
      });
      const ctx = await desk.ctxFor(alice);
      const out = await answer.answerVerification(ctx, desk.dealer, alice, {
        id: v.verification_id,
        action: "dispatch",
        contactId: v.contact_id,
        outcomeId: desk.picks.dispatch,
        checkedSteps: [saved.after![0].id],
      });
      expect(out.outcome).toBe("answered");
      const audit = await prisma.auditLog.findFirstOrThrow({
        where: { action: "verifications.dispatch", chektId: v.verification_id },
      });
      expect(audit.after).toMatchObject({
        outcome: "Police dispatched",
        steps: [
          { text: "Called the keyholder", checked: true },
          { text: "Asked for the passcode", checked: false },
        ],
      });
      expect(await annotationRow(v.verification_id)).toMatchObject({ state: "pending", attempts: 0 });

      const r = await row(v.verification_id);
      expect(await annotate.deliverAnnotation(desk.dealer.id, v.verification_id)).toBe("sent");
      const anns = simAnnotations(r.alarmId!);
      expect(anns).toHaveLength(1);
      expect(anns[0]).toMatchObject({
        source: "chekt-dealer-console",
        outcome: "Police dispatched",
        note:
          "Checklist:\n[x] Called the keyholder\n[ ] Asked for the passcode (optional)\n" +
          "Notes:\n- Keyholder on the way",
      });
      const a = await annotationRow(v.verification_id);
      expect(a).toMatchObject({ state: "sent", attempts: 1, chektId: anns[0].id });
      expect(annotate.annotationLabel(a!)).toBe("annotated in CHeKT");
      // Sent once: nothing is due any more, a second attempt sends nothing.
      expect(await annotate.deliverAnnotation(desk.dealer.id, v.verification_id)).toBeNull();
      expect(simAnnotations(r.alarmId!)).toHaveLength(1);
    },
  );

  it(
    "429 then 503 on annotate: kept pending with a later attempt, the answer stays; the sweep sends it once " +
      "CHeKT takes it",
    async () => {
      const v = await desk.raise(1);
      const out = await answerAsAlice(answerInput(v, "disregard", desk.picks.disregard));
      expect(out.outcome).toBe("answered");
      const alarmId = (await row(v.verification_id)).alarmId!;
      // Every annotate answers 429 until the fault is cleared (the gateway's own retries included).
      await simFault(desk.sim.url, { path: "/v1/alarms/*/annotate", method: "POST", rate_429: 1 });
      const t0 = new Date();
      expect(await annotate.deliverAnnotation(desk.dealer.id, v.verification_id, () => t0)).toBe("pending");
      let a = await annotationRow(v.verification_id);
      expect(a!.attempts).toBe(1);
      expect(a!.nextAttemptAt.getTime()).toBeGreaterThan(t0.getTime());
      expect(a!.lastError).toBeTruthy();
      expect(annotate.annotationLabel(a!)).toMatch(/^annotation pending \(retrying after 1 attempt\)/);
      // Not due yet: the sweep at the same instant leaves it alone.
      await annotate.deliverDueAnnotations(() => t0, 1_000);
      expect((await annotationRow(v.verification_id))!.attempts).toBe(1);

      await clearSimFaults(desk.sim.url);
      await simFault(desk.sim.url, { path: "/v1/alarms/*/annotate", method: "POST", rate_5xx: 1, status_5xx: 503 });
      const t1 = new Date(a!.nextAttemptAt.getTime() + 1);
      await annotate.deliverDueAnnotations(() => t1, 1_000);
      a = await annotationRow(v.verification_id);
      expect(a).toMatchObject({ state: "pending", attempts: 2 });
      expect(simAnnotations(alarmId)).toHaveLength(0);
      expect((await row(v.verification_id)).state).toBe("disregarded");

      await clearSimFaults(desk.sim.url);
      const t2 = new Date(a!.nextAttemptAt.getTime() + 1);
      await annotate.deliverDueAnnotations(() => t2, 1_000);
      expect(simAnnotations(alarmId)).toMatchObject([{ outcome: "False alarm – animal" }]);
      expect(await annotationRow(v.verification_id)).toMatchObject({ state: "sent", attempts: 3 });
      expect((await row(v.verification_id)).state).toBe("disregarded");
    },
    // Each attempt runs the gateway until its 8 s deadline (429s, then 503s): about 20 s on a quiet
    // machine, over the default 30 s limit on a loaded one.
    90_000,
  );

  it("a stored body that does not read as an annotation fails without reaching CHeKT", async () => {
    // The row is written here rather than by an answer, so the outcome counts the history test reads
    // (every answer in this file) stay what they are, whichever order the tests run in.
    const v = await desk.raise(1);
    const { alarmId } = await row(v.verification_id);
    const prisma = await db0();
    // The source reads; the note does not (an older version, or a hand edit of the row).
    await prisma.deskAnnotation.create({
      data: {
        dealerLinkId: desk.dealer.id,
        verificationId: v.verification_id,
        alarmId: alarmId!,
        idempotencyKey: randomUUID(),
        body: { source: "chekt-dealer-console", outcome: "Police dispatched", note: 5 },
      },
    });
    expect(await annotate.deliverAnnotation(desk.dealer.id, v.verification_id)).toBe("failed");
    const a = await annotationRow(v.verification_id);
    expect(a).toMatchObject({ state: "failed", lastError: "the stored annotation is not a valid body" });
    expect(simAnnotations(alarmId!)).toHaveLength(0);
    expect((await row(v.verification_id)).state).toBe("pending");
  });

  it("without events:write on the App key: not sent, no retry, shown as such; the answer stays", async () => {
    const v = await desk.raise(1);
    await answerAsAlice(answerInput(v, "dispatch", desk.picks.dispatch));
    await withoutEventsWrite(async () => {
      expect(await annotate.deliverAnnotation(desk.dealer.id, v.verification_id)).toBe("scope_missing");
      const a = await annotationRow(v.verification_id);
      expect(a!.lastError).toMatch(/events:write/);
      expect(annotate.annotationLabel(a!)).toBe("annotation not sent: the App key lacks events:write");
      expect(simAnnotations((await row(v.verification_id)).alarmId!)).toHaveLength(0);
      // Not retried: the sweep never picks it up again.
      await annotate.deliverDueAnnotations(() => new Date(Date.now() + 3_600_000), 1_000);
      expect(await annotationRow(v.verification_id)).toMatchObject({ state: "scope_missing", attempts: 1 });
      expect((await row(v.verification_id)).state).toBe("dispatched");
    });
  });
});

describe("outcome codes", () => {
  it("saving renames, reorders, adds and retires (never deletes); an id of another dealer is not found", async () => {
    const prisma = await db0();
    const before = await outcomes.listOutcomes(prisma, other);
    const [a, b, ...rest] = before;
    // Swap two labels and retire every other code but one of each kind; add a new one.
    const keepDisregard = rest.find((o) => o.kind === "disregard")!;
    const input = {
      outcomes: [
        { id: a.id, label: b.label, kind: a.kind, active: true },
        { id: b.id, label: a.label, kind: b.kind, active: true },
        { id: keepDisregard.id, label: keepDisregard.label, kind: keepDisregard.kind, active: true },
        { label: "Fire brigade dispatched", kind: "dispatch" as const, active: true },
      ],
    };
    const saved = await prisma.$transaction((tx) => outcomes.saveOutcomesInTx(tx, other, input));
    expect(saved.after.filter((o) => o.active).map((o) => o.label)).toEqual([
      b.label,
      a.label,
      keepDisregard.label,
      "Fire brigade dispatched",
    ]);
    expect(saved.after.filter((o) => !o.active)).toHaveLength(before.length - 3);
    expect(await prisma.deskOutcome.count({ where: { dealerLinkId: other.id } })).toBe(before.length + 1);
    await expect(
      prisma.$transaction((tx) =>
        outcomes.saveOutcomesInTx(tx, other, {
          outcomes: [{ id: desk.picks.dispatch, label: "Stolen", kind: "dispatch", active: true }],
        }),
      ),
    ).rejects.toThrow(/not this dealer's/);
  });

  it("a code saved, then sent again without its id (an editor not yet refreshed), stays one active code", async () => {
    const prisma = await db0();
    const label = `Tamper ${randomUUID().slice(0, 8)}`;
    const rows = (await outcomes.listOutcomes(prisma, other)).filter((o) => o.active);
    const added = [...rows, { label, kind: "disregard" as const, active: true }];
    const save = (list: typeof added) =>
      prisma.$transaction((tx) => outcomes.saveOutcomesInTx(tx, other, { outcomes: list }));
    await save(added);
    // The second Save of an editor that kept the rows as typed: the new code still has no id.
    const { after } = await save(added);
    const named = after.filter((o) => o.label.toLowerCase().startsWith(label.toLowerCase()));
    expect(named.map((o) => ({ label: o.label, active: o.active }))).toEqual([{ label, active: true }]);
    expect(after.filter((o) => o.active).map((o) => o.label)).toEqual(added.map((o) => o.label));
  });

  it("the schema keeps one active code of each kind and refuses a label listed twice", async () => {
    const { outcomesSchema } = await import("@/lib/verifications/outcomes-schemas");
    const noDisregard = outcomesSchema.safeParse({ outcomes: [{ label: "Police", kind: "dispatch", active: true }] });
    expect(noDisregard.error?.issues.map((i) => i.message)).toContain(
      "Keep at least one active disregard outcome, or operators cannot disregard",
    );
    const twice = outcomesSchema.safeParse({
      outcomes: [
        { label: "Police", kind: "dispatch", active: true },
        { label: "police", kind: "disregard", active: true },
      ],
    });
    expect(twice.error?.issues.map((i) => i.message)).toContain('"police" is listed twice');
  });
});

describe("history and CSV", () => {
  it(
    "history rows carry outcome, checklist and annotation; the " +
      "history CSV and the report CSV list them, per dealer",
    async () => {
      const { listHistory } = await import("@/lib/verifications/queries");
      const h = await import("@/lib/verifications/outcomes-history");
      const { reportCsv } = await import("@/lib/verifications/report-csv");
      const { readDeskReport } = await import("@/lib/verifications/report");
      // Its own answers, counted from its own start: the file's other tests answer too, in any order.
      const from = new Date();
      const saved = await setChecklist({
        mode: "own",
        steps: [
          { text: "Called the keyholder", optional: false },
          { text: "Asked for the passcode", optional: true },
        ],
      });
      const [called, passcode] = saved.after!.map((step) => step.id);
      const answered = async (action: "dispatch" | "disregard", steps: string[]) => {
        const v = await desk.raise(1);
        const pick = action === "dispatch" ? desk.picks.dispatch : desk.picks.disregard;
        expect(await answerAsAlice(answerInput(v, action, pick, steps))).toMatchObject({ outcome: "answered" });
        return v.verification_id;
      };
      // Three dispatches: the optional step left and annotated, every step and no events:write, every step
      // and the annotation still queued; two disregards, one with every step.
      const annotated = await answered("dispatch", [called]);
      expect(await annotate.deliverAnnotation(desk.dealer.id, annotated)).toBe("sent");
      const unsent = await answered("dispatch", [called, passcode]);
      await withoutEventsWrite(async () =>
        expect(await annotate.deliverAnnotation(desk.dealer.id, unsent)).toBe("scope_missing"),
      );
      await answered("dispatch", [called, passcode]);
      await answered("disregard", [called, passcode]);
      await answered("disregard", [called]);

      const list = await listHistory(desk.dealer.id, 1, { state: "dispatched" });
      const ids = list.items.map((i) => i.id);
      const details = await h.answerDetails(desk.dealer.id, ids);
      expect(details.get(annotated)).toMatchObject({ outcome: "Police dispatched", annotation: "annotated in CHeKT" });
      expect(details.get(unsent)?.annotation).toBe("annotation not sent: the App key lacks events:write");
      const csv = h.historyCsv(list.items, details);
      expect(csv.split("\r\n")[0]).toBe(
        "occurred_at,verification_id,alarm_id,site,site_id,event,state,operator,answered_at," +
          "outcome,steps_checked,steps,annotation",
      );
      expect(csv).toContain(
        ",Police dispatched,1/2,[x] Called the keyholder; [ ] Asked for the passcode (optional),annotated in CHeKT\r\n",
      );
      // Another dealer's link finds none of these rows.
      expect((await h.answerDetails(other.id, ids)).size).toBe(0);

      const range = {
        from,
        to: new Date(Date.now() + 86_400_000),
        fromDay: "a",
        toDay: "b",
      };
      const counts = await h.outcomeCounts(desk.dealer.id, range);
      expect(counts).toEqual([
        { outcome: "Police dispatched", kind: "dispatch", answers: 3, allStepsChecked: 2 },
        { outcome: "False alarm – animal", kind: "disregard", answers: 2, allStepsChecked: 1 },
      ]);
      expect(await h.outcomeCounts(other.id, range)).toEqual([]);
      const text = reportCsv(await readDeskReport(desk.dealer.id, range), range, counts);
      expect(text).toContain(
        "\r\nBy outcome code\r\noutcome,answers_with,answers,all_steps_checked\r\n" +
          "Police dispatched,dispatch,3,2\r\nFalse alarm – animal,disregard,2,1\r\n",
      );
    },
  );
});
