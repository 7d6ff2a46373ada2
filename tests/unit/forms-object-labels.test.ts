// The create-or-edit forms' buttons (components/forms/form-actions.tsx): one wording for every object.
import { describe, expect, it } from "vitest";
import { objectFormLabels } from "@/components/forms/form-actions";

describe("objectFormLabels", () => {
  it("names a create by the verb of the page that opened it, and says what it is doing while it sends", () => {
    expect(objectFormLabels("create", "Create", "site")).toEqual({
      submitLabel: "Create site",
      pendingLabel: "Creating…",
    });
    expect(objectFormLabels("create", "Add", "contact")).toEqual({
      submitLabel: "Add contact",
      pendingLabel: "Adding…",
    });
  });
  it("words every edit alike", () => {
    expect(objectFormLabels("update", "Create", "station")).toEqual({
      submitLabel: "Save changes",
      pendingLabel: "Saving…",
    });
  });
});
