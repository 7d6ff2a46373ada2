"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { Alert } from "@/components/ui";
import { failureOf, withTrace, type Failure } from "@/components/admin/action-result";
import { setDealerTwoFactorAction } from "@/actions/account";

export type DealerTwoFactorRow = { id: string; companyName: string; required: boolean };

/** One switch per dealer the user administers: require two-factor sign-in of its users. */
export function DealerTwoFactor({ dealers }: { dealers: DealerTwoFactorRow[] }) {
  const router = useRouter();
  const [failure, setFailure] = useState<Failure>(null);
  const [pending, start] = useTransition();
  return (
    <div className="space-y-3">
      {failure ? <Alert tone="danger">{withTrace(failure)}</Alert> : null}
      <ul className="divide-y divide-slate-100">
        {dealers.map((d) => (
          <li key={d.id} className="flex items-center justify-between gap-3 py-2">
            <label htmlFor={`tf-${d.id}`} className="text-sm text-slate-800">
              Require two-factor sign-in for {d.companyName}
            </label>
            <input
              id={`tf-${d.id}`}
              type="checkbox"
              className="h-5 w-5 rounded border-slate-300 text-indigo-600 focus:ring-indigo-600"
              checked={d.required}
              disabled={pending}
              onChange={(e) => {
                const required = e.currentTarget.checked;
                start(async () => {
                  setFailure(null);
                  const f = failureOf(await setDealerTwoFactorAction({ dealerLinkId: d.id, required }));
                  if (f) return setFailure(f);
                  toast.success(
                    required
                      ? `${d.companyName} now requires two-factor sign-in`
                      : `${d.companyName} no longer requires two-factor sign-in`,
                  );
                  router.refresh();
                });
              }}
            />
          </li>
        ))}
      </ul>
      <p className="text-xs text-slate-500">
        Members who have not set it up are sent to the setup page at their next page view or sign-in.
      </p>
    </div>
  );
}
