"use client";
import { useState } from "react";
import { useActionRunner } from "@/components/forms/use-action-runner";
import { usePickThenApply } from "@/components/forms/use-pick-then-apply";
import { Button, cellControl } from "@/components/ui";
import { setRoleAction } from "@/actions/users";
import { ROLE_LABEL, ROLES, type Role } from "@/lib/roles";

/** A member's role: picked in the select, changed by Save (or Enter); the runner's toast says how it went. */
export function UserRoleSelect({ userId, email, role }: { userId: string; email: string; role: Role }) {
  const runner = useActionRunner(setRoleAction);
  const pending = runner.pending;
  const [saved, setSaved] = useState<Role>(role);
  const { picked, setPicked, changed, selectRef, confirm, onKeyDown } = usePickThenApply(saved, async (next) => {
    const r = await runner.run({ userId, role: next }, `${email} is now ${next}`);
    if (r.ok) setSaved(next);
    return r.ok;
  });
  return (
    <div className="flex flex-wrap items-center gap-2">
      <label className="text-sm">
        <span className="sr-only">Role of {email}</span>
        <select
          ref={selectRef}
          value={picked}
          disabled={pending}
          aria-busy={pending || undefined}
          onChange={(e) => {
            const next = ROLES.find((r) => r === e.target.value);
            if (next) setPicked(next);
          }}
          onKeyDown={onKeyDown}
          // A table row's editor, as tall as the small Save button beside it.
          className={cellControl({ select: true })}
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABEL[r]}
            </option>
          ))}
        </select>
      </label>
      {changed ? (
        <Button
          size="sm"
          variant="secondary"
          pending={pending}
          pendingText="Saving…"
          aria-label={`Save ${email}'s role`}
          onClick={() => void confirm()}
        >
          Save
        </Button>
      ) : null}
    </div>
  );
}
