// The outcome and checklist editors (components/verifications/settings/outcome-settings.tsx,
// outcome-checklist.tsx) hold their rows in state; the refresh after a save hands them the stored rows, and
// the editor starts again from those (a new key) so a row just added carries its new id. Keeping the typed
// rows sent the new outcome without an id a second time: the server retired it and created a duplicate.
import { isValidElement, type ReactNode } from "react";
import { describe, expect, it, vi } from "vitest";
import type { ChecklistStep, Outcome } from "@/lib/verifications/outcomes-schemas";

vi.mock("@/actions/verification-outcomes", () => ({
  saveOutcomesAction: async () => ({}),
  saveChecklistAction: async () => ({}),
}));
vi.mock("next/navigation", () => ({ useRouter: () => ({ refresh: () => undefined }) }));
const { OutcomesEditor } = await import("@/components/verifications/settings/outcome-settings");
const { ChecklistEditor } = await import("@/components/verifications/settings/outcome-checklist");

const keyOf = (el: ReactNode) => (isValidElement(el) ? el.key : undefined);

const before: Outcome[] = [
  { id: "o1", label: "False alarm", kind: "disregard", active: true },
  { id: "o2", label: "Intruder", kind: "dispatch", active: true },
];
// What the page reads after "Tamper" was added and saved: the same rows and the new one with its id.
const after: Outcome[] = [...before, { id: "o3", label: "Tamper", kind: "disregard", active: true }];

const steps: ChecklistStep[] = [{ id: "st_a", text: "Call the site", optional: false }];
const stepsAfter: ChecklistStep[] = [...steps, { id: "st_b", text: "Check the camera", optional: true }];

describe("the settings editors after a save", () => {
  it("the outcome editor starts again from the stored rows when they change, not when they do not", () => {
    const k = (initial: Outcome[]) => keyOf(OutcomesEditor({ initial, canEdit: true }));
    expect(k(after)).not.toBe(k(before));
    expect(k(after.map((o) => ({ ...o })))).toBe(k(after));
    expect(k(after)).toEqual(expect.any(String));
  });

  it("the checklist editor (the dealer's and a site's own) does the same with its steps", () => {
    const dealer = (s: ChecklistStep[]) => keyOf(ChecklistEditor({ canEdit: true, own: s, dealerSteps: s }));
    expect(dealer(stepsAfter)).not.toBe(dealer(steps));
    expect(dealer(stepsAfter)).toBe(dealer(stepsAfter.map((s) => ({ ...s }))));
    const site = (own: ChecklistStep[] | null) =>
      keyOf(ChecklistEditor({ canEdit: true, siteId: 5, own, dealerSteps: steps }));
    expect(site(stepsAfter)).not.toBe(site(null));
    expect(site(null)).toEqual(expect.any(String));
  });
});
