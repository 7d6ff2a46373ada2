"use client";
import { useState } from "react";
import { useActionRunner } from "@/components/forms/use-action-runner";
import { setRoleAction } from "@/actions/users";
import { ROLE_LABEL, ROLES, type Role } from "@/lib/roles";

/** A member's role, changed as soon as it is picked; put back when the change is refused. */
export function UserRoleSelect({ userId, email, role }: { userId: string; email: string; role: Role }) {
  const runner = useActionRunner(setRoleAction);
  const pending = runner.pending;
  const [value, setValue] = useState<Role>(role);
  return (
    <label className="text-sm">
      <span className="sr-only">Role of {email}</span>
      <select
        value={value}
        disabled={pending}
        aria-busy={pending || undefined}
        onChange={async (e) => {
          const next = ROLES.find((r) => r === e.target.value);
          if (!next) return;
          const previous = value;
          // Shown at once; put back if the change is refused (the runner toasts why).
          setValue(next);
          const r = await runner.run({ userId, role: next }, `${email} is now ${next}`);
          if (!r.ok) setValue(previous);
        }}
        className={
          "rounded-md border-0 bg-white py-1.5 pl-2 pr-8 text-sm ring-1 ring-inset ring-slate-300 " +
          "focus:ring-2 focus:ring-indigo-600 disabled:bg-slate-50"
        }
      >
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {ROLE_LABEL[r]}
          </option>
        ))}
      </select>
    </label>
  );
}
