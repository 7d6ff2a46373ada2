// The pure parts of outcomes and annotations: the annotation's body (what CHeKT stores on the
// alarm), what the history says about it, and the shared input schemas the forms and actions use.
import { describe, expect, it } from "vitest";
import { annotationBody, annotationLabel } from "@/lib/verifications/annotate-format";
import { answerSchema } from "@/lib/verifications/schemas";
import { checklistSchema, outcomesSchema } from "@/lib/verifications/outcomes-schemas";
import { parseSteps } from "@/lib/verifications/outcomes";
import { moved } from "@/components/verifications/settings/outcome-list";
import { firstMessage } from "../support/schema-errors";

describe("annotationBody", () => {
  it("outcome as the label; the checklist and the notes as lines of the note", () => {
    const steps = [
      { id: "a", text: "Called the keyholder", optional: false, checked: true },
      { id: "b", text: "Asked for the passcode", optional: true, checked: false },
    ];
    expect(annotationBody("Police dispatched", steps, ["On the way"])).toEqual({
      source: "chekt-dealer-console",
      outcome: "Police dispatched",
      note: "Checklist:\n[x] Called the keyholder\n[ ] Asked for the passcode (optional)\nNotes:\n- On the way",
    });
  });

  it("no checklist and no notes: no note at all (CHeKT refuses an empty one)", () => {
    expect(annotationBody("Test / maintenance", [], [])).toEqual({
      source: "chekt-dealer-console",
      outcome: "Test / maintenance",
    });
  });

  it("a note longer than CHeKT's 2,000 characters is cut with an ellipsis", () => {
    const body = annotationBody("Guard dispatched", [], ["x".repeat(3000)]);
    expect(body.note).toHaveLength(2000);
    expect(body.note!.endsWith("…")).toBe(true);
  });
});

describe("annotationLabel", () => {
  it("names each state as the history shows it", () => {
    expect(annotationLabel(undefined)).toBeNull();
    expect(annotationLabel({ state: "sent", attempts: 1, lastError: null })).toBe("annotated in CHeKT");
    expect(annotationLabel({ state: "pending", attempts: 0, lastError: null })).toBe("annotation pending");
    expect(annotationLabel({ state: "pending", attempts: 2, lastError: "429" })).toBe(
      "annotation pending (retrying after 2 attempts)",
    );
    expect(annotationLabel({ state: "failed", attempts: 8, lastError: "503" })).toBe("annotation failed");
    expect(annotationLabel({ state: "scope_missing", attempts: 1, lastError: "403" })).toBe(
      "annotation not sent: the App key lacks events:write",
    );
    expect(annotationLabel({ state: "no_key", attempts: 1, lastError: null })).toBe(
      "annotation not sent: no CHeKT App key",
    );
  });
});

describe("schemas", () => {
  it("the answer needs an outcome id; checked steps default to none", () => {
    const answer = { id: "v", action: "disregard", contactId: "3" };
    const ok = answerSchema.safeParse({ ...answer, outcomeId: "1b4e28ba-2fa1-4d2b-883f-0016d3cca427" });
    expect(ok.success && ok.data.checkedSteps).toEqual([]);
    expect(firstMessage(answerSchema, answer)).toBe("Choose an outcome");
  });

  it("outcome labels are trimmed, required and at most 100 characters", () => {
    const base = [{ label: "Police", kind: "dispatch", active: true }];
    expect(
      firstMessage(outcomesSchema, { outcomes: [...base, { label: "  ", kind: "disregard", active: true }] }),
    ).toBe("Give the outcome a label");
    expect(
      outcomesSchema.safeParse({ outcomes: [...base, { label: "x".repeat(101), kind: "disregard", active: true }] })
        .success,
    ).toBe(false);
    expect(
      outcomesSchema.safeParse({ outcomes: [...base, { label: "Animal", kind: "nothing", active: true }] }).success,
    ).toBe(false);
  });

  it("a checklist is 'own' with steps or 'inherit'; a step needs text", () => {
    expect(firstMessage(checklistSchema, { mode: "own", steps: [{ text: "", optional: false }] })).toBe(
      "Write the step",
    );
    expect(checklistSchema.safeParse({ siteId: 3, mode: "inherit", steps: [] }).success).toBe(true);
    expect(checklistSchema.safeParse({ mode: "mine", steps: [] }).success).toBe(false);
  });
});

describe("parseSteps", () => {
  it("reads the stored steps; optional only when it says true", () => {
    expect(
      parseSteps([
        { id: "a", text: "Call the keyholder", optional: false },
        { id: "b", text: "Ask for the passcode", optional: true },
        { id: "c", text: "Check the other cameras" },
        { id: "d", text: "Note the weather", optional: "yes" },
      ]),
    ).toEqual([
      { id: "a", text: "Call the keyholder", optional: false },
      { id: "b", text: "Ask for the passcode", optional: true },
      { id: "c", text: "Check the other cameras", optional: false },
      { id: "d", text: "Note the weather", optional: false },
    ]);
  });

  it("drops what is not a step, and reads a column that is no list as no steps", () => {
    const steps = [null, 3, "text", ["a", "b"], { id: 1, text: "x" }, { id: "e" }, { id: "f", text: "Kept", extra: 1 }];
    expect(parseSteps(steps)).toEqual([{ id: "f", text: "Kept", optional: false }]);
    expect(parseSteps({ id: "a", text: "x" })).toEqual([]);
    expect(parseSteps(null)).toEqual([]);
  });
});

describe("moved", () => {
  it("swaps with the neighbour and ignores a move past either end", () => {
    expect(moved(["a", "b", "c"], 1, -1)).toEqual(["b", "a", "c"]);
    expect(moved(["a", "b", "c"], 1, 1)).toEqual(["a", "c", "b"]);
    expect(moved(["a", "b"], 0, -1)).toEqual(["a", "b"]);
    expect(moved(["a", "b"], 1, 1)).toEqual(["a", "b"]);
  });
});
