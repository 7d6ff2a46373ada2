"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert, Button, buttonClasses, Input, UtcTime } from "@/components/ui";
import { CodeGrid } from "@/components/ui/code-grid";
import { AccountForm } from "@/components/forms/form-actions";
import { useActionForm } from "@/components/forms/use-action-form";
import { disableTwoFactorAction, newRecoveryCodesAction } from "@/actions/account";
import { plural } from "@/lib/plural";

type Props = { enabled: boolean; enabledAt: string | null; recoveryCodesLeft: number; required: boolean };

/** Two-factor status with its three actions: set up (a page of its own), new recovery codes, turn off. */
export function TwoFactorCard({ enabled, enabledAt, recoveryCodesLeft, required }: Props) {
  const [codes, setCodes] = useState<string[] | null>(null);
  const [mode, setMode] = useState<"idle" | "codes" | "off">("idle");

  if (!enabled) {
    return (
      <div className="space-y-3 text-sm text-slate-700">
        {required ? <Alert tone="warning">A dealer you work for requires two-factor sign-in.</Alert> : null}
        <p>Two-factor sign-in is off. With it on, a stolen password alone cannot open your account.</p>
        <Link href="/sign-in/two-factor?callbackUrl=%2Faccount" className={buttonClasses("primary")}>
          Set up two-factor sign-in
        </Link>
      </div>
    );
  }

  return (
    <div className="space-y-4 text-sm text-slate-700">
      <p data-testid="two-factor-status">
        On since <UtcTime at={enabledAt} /> · {recoveryCodesLeft} recovery {plural(recoveryCodesLeft, "code")} left
        {required ? " · required by a dealer you work for" : ""}
      </p>
      {codes ? (
        <div className="space-y-2" data-testid="recovery-codes">
          <Alert tone="success">New recovery codes. The old ones no longer work; these are not shown again.</Alert>
          <CodeGrid label="Recovery codes" codes={codes} />
        </div>
      ) : null}
      {mode === "idle" ? (
        <div className="flex flex-wrap gap-2">
          <Button variant="secondary" onClick={() => setMode("codes")}>
            New recovery codes
          </Button>
          {required ? null : (
            <Button variant="secondary" onClick={() => setMode("off")}>
              Turn off
            </Button>
          )}
        </div>
      ) : null}
      {mode === "codes" ? (
        <NewCodesForm
          onDone={(next) => {
            setCodes(next);
            setMode("idle");
          }}
          onCancel={() => setMode("idle")}
        />
      ) : null}
      {mode === "off" ? <TurnOffForm onDone={() => setMode("idle")} onCancel={() => setMode("idle")} /> : null}
    </div>
  );
}

function CancelButton({ onCancel }: { onCancel(): void }) {
  return (
    <Button variant="secondary" onClick={onCancel}>
      Cancel
    </Button>
  );
}

function NewCodesForm({ onDone, onCancel }: { onDone(codes: string[] | null): void; onCancel(): void }) {
  const router = useRouter();
  const form = useActionForm({
    initial: { code: "" },
    action: newRecoveryCodesAction,
    toInput: (v) => ({ code: v.code ?? "" }),
    // The codes themselves are the answer, shown above.
    successMessage: null,
    onSuccess: (d) => {
      onDone(d?.codes ?? null);
      router.refresh();
    },
  });
  return (
    <AccountForm
      form={form}
      label="New recovery codes"
      submit={{ label: "Make new codes", pendingLabel: "Checking…" }}
      extra={<CancelButton onCancel={onCancel} />}
    >
      <Input label="Code from your app" autoComplete="one-time-code" required {...form.field("code")} />
    </AccountForm>
  );
}

function TurnOffForm({ onDone, onCancel }: { onDone(): void; onCancel(): void }) {
  const router = useRouter();
  const form = useActionForm({
    initial: { password: "", code: "" },
    action: disableTwoFactorAction,
    toInput: (v) => ({ password: v.password ?? "", code: v.code ?? "" }),
    successMessage: "Two-factor sign-in is off",
    onSuccess: () => {
      onDone();
      router.refresh();
    },
  });
  return (
    <AccountForm
      form={form}
      label="Turn off two-factor sign-in"
      submit={{ label: "Turn off two-factor", pendingLabel: "Turning off…", variant: "danger" }}
      extra={<CancelButton onCancel={onCancel} />}
    >
      <Input
        label="Your password"
        type="password"
        autoComplete="current-password"
        required
        {...form.field("password")}
      />
      <Input label="Code from your app" autoComplete="one-time-code" required {...form.field("code")} />
    </AccountForm>
  );
}
