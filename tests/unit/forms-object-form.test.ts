// The runs the site, station and contact forms hand ObjectForm (components/forms/use-object-form.ts):
// what each mode adds to what the form states itself (its action, schema, ids, toast and next page).
import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { FlatValidationErrors, SafeAction } from "@/components/forms/action-result";
import type { ExternalIdRule } from "@/components/forms/external-id-field";
import { createInputRun, createRun, editRun } from "@/components/forms/use-object-form";

type Values = { name: string; external_id: string };
const initial: Values = { name: "", external_id: "" };
const rule: ExternalIdRule<Values> = { field: "external_id", kind: "site", nameOf: (v) => v.name };

const createSchema = z.object({ name: z.string(), external_id: z.string() });
const childSchema = createSchema.extend({ parent_id: z.number() });
const editSchema = z.object({ id: z.number(), name: z.string().optional(), external_id: z.string().optional() });
type Saved = { id: number; name: string };
const create: SafeAction<typeof createSchema, FlatValidationErrors, Saved> = async (input) => ({
  data: { id: 1, name: input.name },
});
const createChild: SafeAction<typeof childSchema, FlatValidationErrors, Saved> = async (input) => ({
  data: { id: input.parent_id, name: input.name },
});
const update: SafeAction<typeof editSchema, FlatValidationErrors, Saved> = async (input) => ({
  data: { id: input.id, name: input.name ?? "" },
});
const after = { successMessage: (d: Saved | undefined) => `Saved ${d?.name}`, next: () => "/list" };

describe("object form runs", () => {
  it("create: a blank own ID is generated from the name, a typed one kept; every field is the input", () => {
    const run = createInputRun(create, initial, rule, { schema: createSchema, ...after });
    expect(run.mode).toBe("create");
    expect(run.action).toBe(create);
    expect(run.initial).toBe(initial);
    expect(run.prepare?.({ name: "Gangnam HQ", external_id: "" }).external_id).toMatch(/^site-gangnam-hq-/);
    expect(run.prepare?.({ name: "Gangnam HQ", external_id: "GN-1" }).external_id).toBe("GN-1");
    expect(run.toInput({ name: "Gangnam HQ", external_id: "GN-1" }, null)).toEqual({
      name: "Gangnam HQ",
      external_id: "GN-1",
    });
    expect(run.successMessage).toBe(after.successMessage);
    expect(run.next(undefined)).toBe("/list");
  });

  it("create: toInput sees every field (blank ones from initial) and adds what goes beside them", () => {
    const run = createRun(createChild, initial, rule, {
      schema: childSchema,
      toInput: (v) => ({ ...v, parent_id: 7 }),
      ...after,
    });
    expect(run.toInput({ name: "Jane" }, null)).toEqual({ name: "Jane", external_id: "", parent_id: 7 });
  });

  it("edit: no generated ID; toInput gets only what it is given (the changed fields) and adds the ids", () => {
    const run = editRun(
      update,
      { name: "Old", external_id: "GN-1" },
      {
        schema: editSchema,
        toInput: (v) => ({ ...v, id: 3 }),
        ...after,
      },
    );
    expect(run.mode).toBe("update");
    expect(run.prepare).toBeUndefined();
    expect(run.action).toBe(update);
    expect(run.toInput({ name: "New" }, null)).toEqual({ name: "New", id: 3 });
  });
});
