// fetchPicker (components/verifications/answer/fetch-picker.ts): the outcome picker's read of
// GET /api/live/verifications/[id]/outcomes, checked against lib/verifications/outcomes-schemas.ts, and
// the error the picker shows when it is refused or unreadable.
import { describe, expect, it } from "vitest";
import { fetchPicker } from "@/components/verifications/answer/fetch-picker";
import { parseSteps } from "@/lib/verifications/outcomes";
import { pickerOptionsSchema, type PickerOptions } from "@/lib/verifications/outcomes-schemas";
import { answerFetch, itFailsAsARouteReader, type ReaderWords } from "../support/fetch-answer";

/** The dealer the page was drawn for: every call names it. */
const DEALER = { id: "link_a", name: "Acme Security" };

/** What the page says when the route refuses without a message, or answers what it cannot read. */
const WORDS: ReaderWords = {
  failed: "Could not load the outcomes",
  unread: "Could not load the outcomes: the server's answer was not a list of outcomes. Reload the page.",
};

/** The route's answer as it builds it: listOutcomes' rows, and a site's own steps read by parseSteps. */
const options: PickerOptions = {
  outcomes: [
    { id: "o1", label: "Police sent", kind: "dispatch", active: true },
    { id: "o2", label: "False alarm", kind: "disregard", active: true },
  ],
  checklist: {
    source: "site",
    steps: parseSteps([
      { id: "s1", text: "Call the keyholder", optional: false },
      { id: "s2", text: "Check camera 2" },
    ]),
  },
};

describe("fetchPicker", () => {
  it("reads the outcomes route's answer", async () => {
    const urls = answerFetch(JSON.stringify(options));
    expect(await fetchPicker("v 1", DEALER)).toEqual(options);
    expect(urls).toEqual(["/api/live/verifications/v%201/outcomes?dealer=link_a"]);
  });

  itFailsAsARouteReader(() => fetchPicker("v1", DEALER), WORDS, [
    { what: "of another shape", body: JSON.stringify({ outcomes: [{ id: 1 }] }) },
    {
      what: "an outcome of a kind the picker does not know",
      body: JSON.stringify({ ...options, outcomes: [{ id: "o3", label: "Call", kind: "call", active: true }] }),
    },
    {
      what: "a checklist of another source",
      body: JSON.stringify({ ...options, checklist: { source: "x", steps: [] } }),
    },
  ]);
});

describe("pickerOptionsSchema", () => {
  it("reads the answer as the route writes it, through JSON (a step stored without `optional` is required)", () => {
    expect(options.checklist.steps[1]).toEqual({ id: "s2", text: "Check camera 2", optional: false });
    expect(pickerOptionsSchema.parse(JSON.parse(JSON.stringify(options)))).toEqual(options);
  });
});
