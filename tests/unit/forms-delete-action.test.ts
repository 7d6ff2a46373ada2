// The one delete button (components/forms/delete-action.tsx): the site's, station's and contact's deletes
// ask in the same words, "Delete {name}?" then "Delete {noun}", red with a trash icon, through ConfirmAction.
import { isValidElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ConfirmAction } from "@/components/forms/confirm-action";
import { DeleteAction } from "@/components/forms/delete-action";
import type { SafeAction } from "@/components/forms/action-result";

const action: SafeAction<undefined, Record<string, never>, void> = async () => ({});

describe("DeleteAction", () => {
  it("hands ConfirmAction the delete wording and look, and every other prop as given", () => {
    const onDone = () => undefined;
    const el = DeleteAction({
      action,
      input: undefined,
      name: "Main Street",
      noun: "site",
      description: "Gone for good.",
      typeToConfirm: "Main Street",
      successMessage: "Site “Main Street” deleted",
      onDone,
    });
    expect(isValidElement(el) && el.type).toBe(ConfirmAction);
    const { icon, ...props } = el.props;
    expect(props).toEqual({
      action,
      input: undefined,
      label: "Delete",
      destructive: true,
      title: "Delete Main Street?",
      confirmLabel: "Delete site",
      description: "Gone for good.",
      typeToConfirm: "Main Street",
      successMessage: "Site “Main Street” deleted",
      onDone,
    });
    expect(renderToStaticMarkup(icon)).toContain("lucide-trash-2 h-4 w-4");
  });

  it("keeps a label and an accessible name of the caller's own", () => {
    const el = DeleteAction({
      action,
      input: undefined,
      name: "Ana Park",
      noun: "contact",
      label: "Delete contact",
      ariaLabel: "Delete Ana Park",
      variant: "ghost",
      description: "",
      successMessage: "Ana Park deleted",
    });
    expect(el.props).toMatchObject({ label: "Delete contact", ariaLabel: "Delete Ana Park", variant: "ghost" });
    expect(el.props).toMatchObject({ title: "Delete Ana Park?", confirmLabel: "Delete contact" });
  });
});
