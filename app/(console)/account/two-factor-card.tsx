"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { Alert, Button, Input } from "@/components/ui";
import { failureOf, withTrace, type Failure } from "@/components/admin/action-result";
import { disableTwoFactorAction, newRecoveryCodesAction } from "@/actions/account";

type Props = { enabled: boolean; enabledAt: string | null; recoveryCodesLeft: number; required: boolean };

/** Two-factor status with its three actions: set up (a page of its own), new recovery codes, turn off. */
export function TwoFactorCard({ enabled, enabledAt, recoveryCodesLeft, required }: Props) {
  const router = useRouter();
  const [failure, setFailure] = useState<Failure>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [pending, start] = useTransition();
  const [mode, setMode] = useState<"idle" | "codes" | "off">("idle");

  if (!enabled) {
    return (
      <div className="space-y-3 text-sm text-slate-700">
        {required ? <Alert tone="warning">A dealer you work for requires two-factor sign-in.</Alert> : null}
        <p>Two-factor sign-in is off. With it on, a stolen password alone cannot open your account.</p>
        <Link
          href="/sign-in/two-factor?callbackUrl=%2Faccount"
          className="inline-flex rounded-md bg-indigo-600 px-3 py-2 text-sm font-semibold text-white hover:bg-indigo-700"
        >
          Set up two-factor sign-in
        </Link>
      </div>
    );
  }

  const submit = (run: (fd: FormData) => Promise<void>) => (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const fd = new FormData(e.currentTarget);
    start(async () => {
      setFailure(null);
      await run(fd);
    });
  };

  return (
    <div className="space-y-4 text-sm text-slate-700">
      <p data-testid="two-factor-status">
        On since{" "}
        {enabledAt
          ? new Date(enabledAt).toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric" })
          : "—"}{" "}
        · {recoveryCodesLeft} recovery code{recoveryCodesLeft === 1 ? "" : "s"} left
        {required ? " · required by a dealer you work for" : ""}
      </p>
      {codes ? (
        <div className="space-y-2" data-testid="recovery-codes">
          <Alert tone="success">New recovery codes. The old ones no longer work; these are not shown again.</Alert>
          <ul
            className="grid max-w-md grid-cols-2 gap-2 rounded-md bg-slate-50 p-3 font-mono text-slate-900"
            aria-label="Recovery codes"
          >
            {codes.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {failure ? <Alert tone="danger">{withTrace(failure)}</Alert> : null}
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
        <form
          aria-label="New recovery codes"
          className="max-w-md space-y-3"
          onSubmit={submit(async (fd) => {
            const result = await newRecoveryCodesAction({ code: String(fd.get("code") ?? "") });
            const f = failureOf(result);
            if (f) return setFailure(f);
            setCodes(result?.data?.codes ?? null);
            setMode("idle");
            router.refresh();
          })}
        >
          <Input
            label="Code from your app"
            name="code"
            autoComplete="one-time-code"
            required
            error={failure?.fieldErrors.code}
          />
          <div className="flex gap-2">
            <Button type="submit" pending={pending} pendingText="Checking…">
              Make new codes
            </Button>
            <Button variant="secondary" onClick={() => setMode("idle")}>
              Cancel
            </Button>
          </div>
        </form>
      ) : null}
      {mode === "off" ? (
        <form
          aria-label="Turn off two-factor sign-in"
          className="max-w-md space-y-3"
          onSubmit={submit(async (fd) => {
            const f = failureOf(
              await disableTwoFactorAction({
                password: String(fd.get("password") ?? ""),
                code: String(fd.get("code") ?? ""),
              }),
            );
            if (f) return setFailure(f);
            toast.success("Two-factor sign-in is off");
            setMode("idle");
            router.refresh();
          })}
        >
          <Input
            label="Your password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            error={failure?.fieldErrors.password}
          />
          <Input
            label="Code from your app"
            name="code"
            autoComplete="one-time-code"
            required
            error={failure?.fieldErrors.code}
          />
          <div className="flex gap-2">
            <Button type="submit" variant="danger" pending={pending} pendingText="Turning off…">
              Turn off two-factor
            </Button>
            <Button variant="secondary" onClick={() => setMode("idle")}>
              Cancel
            </Button>
          </div>
        </form>
      ) : null}
    </div>
  );
}
