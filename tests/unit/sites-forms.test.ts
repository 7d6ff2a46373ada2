import { describe, expect, it } from "vitest";
import { changedFields, NETWORK_FAILURE, toOutcome, zodFieldErrors } from "@/components/forms/action-result";

describe("what a form makes of an action's answer", () => {
  it("success carries the data", () => {
    expect(toOutcome({ data: { site_id: 3 } })).toEqual({ ok: true, data: { site_id: 3 } });
  });
  it("a refusal from CHeKT keeps its field messages and trace id", () => {
    const o = toOutcome({
      serverError: {
        code: "validation_failed",
        message: "CHeKT did not accept the change (see the fields).",
        fieldErrors: { name: "name must not be empty" },
        traceId: "t-1",
      },
    });
    expect(o).toEqual({
      ok: false,
      failure: expect.objectContaining({ traceId: "t-1" }),
      fieldErrors: { name: "name must not be empty" },
    });
  });
  it("server-side zod errors land beside their fields", () => {
    const o = toOutcome({
      validationErrors: {
        formErrors: [],
        fieldErrors: { email: ["Email is not a valid email address"], phone_number: undefined },
      },
    });
    expect(o).toEqual({
      ok: false,
      failure: { code: "invalid_input", message: "Some fields need fixing; nothing was saved." },
      fieldErrors: { email: "Email is not a valid email address" },
    });
  });
  it("no answer at all says nothing was saved", () => {
    expect(toOutcome(undefined)).toEqual({ ok: false, failure: NETWORK_FAILURE, fieldErrors: {} });
    expect(NETWORK_FAILURE.message).toMatch(/may or may not have been saved/);
  });
  it("keeps the first zod message per field", () => {
    expect(
      zodFieldErrors([
        { path: ["a"], message: "one" },
        { path: ["a"], message: "two" },
        { path: [], message: "form" },
      ]),
    ).toEqual({ a: "one" });
  });
  it("an edit sends only fields whose trimmed value changed", () => {
    expect(
      changedFields({ name: "A", address1: "x", address2: "" }, { name: "A ", address1: "", address2: "y" }),
    ).toEqual({ address1: "", address2: "y" });
  });
});
