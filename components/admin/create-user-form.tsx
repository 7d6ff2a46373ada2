"use client";
import { UserPlus } from "lucide-react";
import { Button, Input, Select } from "@/components/ui";
import { FormFailure } from "@/components/forms/form-failure";
import { useActionForm } from "@/components/forms/use-action-form";
import { createUserAction } from "@/actions/users";
import { createUserSchema } from "@/lib/users/schemas";
import { ROLES } from "@/lib/roles";

const ROLE_OPTIONS = [
  { value: "viewer", label: "Viewer — reads everything except admin pages" },
  { value: "operator", label: "Operator — viewer + edits and answers alarms" },
  { value: "admin", label: "Admin — operator + settings, users, audit" },
];

const EMPTY = { email: "", name: "", role: "viewer", password: "" };

export function CreateUserForm() {
  const form = useActionForm({
    initial: EMPTY,
    schema: createUserSchema,
    action: createUserAction,
    // The select offers only the three roles.
    toInput: (v) => ({ ...EMPTY, ...v, role: ROLES.find((r) => r === v.role) ?? "viewer" }),
    successMessage: (d) => `Created ${d?.email}`,
    resetOnSuccess: true,
  });
  const f = form.field;
  return (
    <form
      aria-label="Create user"
      onSubmit={form.onSubmit}
      noValidate
      aria-busy={form.pending}
      className="grid gap-3 md:grid-cols-2"
    >
      <Input label="Email" type="email" required autoComplete="off" {...f("email")} />
      <Input label="Name" required autoComplete="off" {...f("name")} />
      <Select label="Role" id="new-user-role" options={ROLE_OPTIONS} {...f("role")} />
      <Input
        label="Initial password"
        type="password"
        required
        autoComplete="new-password"
        hint="At least 10 characters. Tell the user in person; they can change it under Account."
        {...f("password")}
      />
      <div className="space-y-3 md:col-span-2">
        <FormFailure failure={form.failure} />
        <Button
          type="submit"
          pending={form.pending}
          pendingText="Creating…"
          icon={<UserPlus className="h-4 w-4" aria-hidden="true" />}
        >
          Create user
        </Button>
      </div>
    </form>
  );
}
