// The dealer's own ID field of the site, station, contact and add-device forms,
// rendered to HTML: its label and hint come from the rule's kind, and only a create form offers Generate.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { FormExternalIdField, type ExternalIdRule } from "@/components/forms/external-id-field";
import type { ActionForm } from "@/components/forms/use-action-form";

type Values = { name: string; external_id: string };

const form: ActionForm<Values> = {
  values: { name: "Gangnam HQ", external_id: "" },
  set: () => undefined,
  field: (key) => ({ name: key, value: form.values[key], error: null, onChange: () => undefined }),
  dirty: false,
  fieldErrors: {},
  failure: null,
  pending: false,
  slow: false,
  onSubmit: async () => undefined,
  budgetWait: { secondsLeft: null, countdown: async () => true, cancel: () => undefined },
};

function render(kind: ExternalIdRule<Values>["kind"], create: boolean, maxLength?: number) {
  const rule: ExternalIdRule<Values> = { field: "external_id", kind, nameOf: (v) => v.name, maxLength };
  return renderToStaticMarkup(createElement(FormExternalIdField<Values>, { form, rule, create }));
}

describe("FormExternalIdField", () => {
  it.each([
    ["site", "Site ID (yours)", "this dealer&#x27;s sites"],
    ["station", "Station ID (yours)", "this dealer&#x27;s stations"],
    ["contact", "Contact ID (yours)", "this dealer&#x27;s contacts"],
    ["device", "Device ID (yours)", "this dealer&#x27;s devices"],
  ] as const)("names a %s's ID by its kind", (kind, label, among) => {
    const html = render(kind, false);
    expect(html).toMatch(new RegExp(`<label[^>]*>${label.replace(/[()]/g, "\\$&")}`));
    expect(html).toContain(`Your own identifier, unique among ${among}.`);
    expect(html).toMatch(/<input[^>]*name="external_id"/);
    expect(html).not.toContain("Generate ID");
  });

  it("offers Generate on a create form, and says an empty field gets one", () => {
    const html = render("site", true);
    expect(html).toContain("Generate ID");
    expect(html).toContain("Your own identifier, unique among this dealer&#x27;s sites. Leave empty to generate one.");
  });

  it("takes CHeKT's limit for the kind: 64 by default, a device's 128", () => {
    expect(render("site", true)).toMatch(/<input[^>]*maxLength="64"/);
    expect(render("device", true, 128)).toMatch(/<input[^>]*maxLength="128"/);
  });
});
