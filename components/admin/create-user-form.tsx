"use client";
import { useState, useTransition } from "react";
import { UserPlus } from "lucide-react";
import { toast } from "sonner";
import { Alert, Button, Input, Select } from "@/components/ui";
import { createUserAction } from "@/actions/users";
import { failureOf, withTrace, type Failure } from "./action-result";

const ROLE_OPTIONS = [
  { value: "viewer", label: "Viewer — reads everything except admin pages" },
  { value: "operator", label: "Operator — viewer + edits and answers alarms" },
  { value: "admin", label: "Admin — operator + settings, users, audit" },
];

export function CreateUserForm() {
  const [failure, setFailure] = useState<Failure>(null);
  const [pending, start] = useTransition();
  const [formKey, setFormKey] = useState(0);
  return (
    <form
      key={formKey}
      aria-label="Create user"
      onSubmit={(e) => {
        e.preventDefault();
        const fd = new FormData(e.currentTarget);
        start(async () => {
          setFailure(null);
          const result = await createUserAction({
            email: String(fd.get("email") ?? ""),
            name: String(fd.get("name") ?? ""),
            role: String(fd.get("role") ?? "") as "viewer",
            password: String(fd.get("password") ?? ""),
          });
          const f = failureOf(result);
          if (f) return setFailure(f);
          toast.success(`Created ${result.data?.email}`);
          setFormKey((k) => k + 1);
        });
      }}
      className="grid gap-3 md:grid-cols-2"
    >
      {failure ? (
        <Alert tone="danger" className="md:col-span-2">
          {withTrace(failure)}
        </Alert>
      ) : null}
      <Input label="Email" name="email" type="email" required autoComplete="off" error={failure?.fieldErrors.email} />
      <Input label="Name" name="name" required autoComplete="off" error={failure?.fieldErrors.name} />
      <Select
        label="Role"
        name="role"
        id="new-user-role"
        defaultValue="viewer"
        options={ROLE_OPTIONS}
        error={failure?.fieldErrors.role}
      />
      <Input
        label="Initial password"
        name="password"
        type="password"
        required
        autoComplete="new-password"
        hint="At least 10 characters. Tell the user in person; they can change it under Account."
        error={failure?.fieldErrors.password}
      />
      <div className="md:col-span-2">
        <Button
          type="submit"
          pending={pending}
          pendingText="Creating…"
          icon={<UserPlus className="h-4 w-4" aria-hidden="true" />}
        >
          Create user
        </Button>
      </div>
    </form>
  );
}
