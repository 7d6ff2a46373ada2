"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { Button, ConfirmDialog } from "@/components/ui";
import { ArmingOption } from "./arming-option";
import { FormFailure } from "@/components/forms/form-failure";
import { useActionRunner } from "@/components/forms/use-action-runner";
import { setArmingAction } from "@/actions/arming";
import { SECURITY_TYPES, type SecurityType } from "@/lib/schemas/arming";

/**
 * The four security types as cards; the current one is marked. Operators pick another and confirm;
 * viewers see the same cards without the controls.
 */
export function ArmingChooser({
  siteId,
  siteName,
  current,
  canEdit,
}: {
  siteId: number;
  siteName: string;
  current: SecurityType | null;
  canEdit: boolean;
}) {
  const router = useRouter();
  const [picked, setPicked] = useState<SecurityType | null>(current);
  const [confirming, setConfirming] = useState(false);
  // Viewers get no controls; the action refuses them anyway (its role is operator).
  const runner = useActionRunner(setArmingAction);
  const pickedType = SECURITY_TYPES.find((t) => t.value === picked);
  const currentType = SECURITY_TYPES.find((t) => t.value === current);

  async function confirm() {
    if (!picked) return;
    const r = await runner.run(
      { site_id: siteId, security_type: picked },
      `${siteName} now uses: ${pickedType?.title}`,
    );
    setConfirming(false);
    if (r.ok) router.refresh();
  }

  return (
    <div className="space-y-4">
      <fieldset>
        <legend className="sr-only">Security type</legend>
        <div className="grid gap-3 md:grid-cols-2">
          {SECURITY_TYPES.map((t) => (
            <ArmingOption
              key={t.value}
              t={t}
              isCurrent={t.value === current}
              isPicked={t.value === picked}
              canEdit={canEdit}
              disabled={runner.pending}
              onPick={setPicked}
            />
          ))}
        </div>
      </fieldset>
      <FormFailure failure={runner.failure} />
      {canEdit ? (
        <Button
          onClick={() => setConfirming(true)}
          disabled={!picked || picked === current}
          pending={runner.pending}
          pendingText="Switching…"
        >
          Switch arming
        </Button>
      ) : null}
      <ConfirmDialog
        open={confirming}
        onClose={() => setConfirming(false)}
        onConfirm={confirm}
        pending={runner.pending}
        title={`Switch how ${siteName} is armed?`}
        description={
          `From “${currentType?.title ?? "not set"}” to “${pickedType?.title ?? ""}”. Alarms at this site ` +
          "follow the new setting as soon as CHeKT accepts it."
        }
        confirmLabel="Switch"
      />
    </div>
  );
}
