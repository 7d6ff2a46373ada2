"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { FormFailure } from "@/components/forms/form-failure";
import { useActionRunner } from "@/components/forms/use-action-runner";
import { setDealerTwoFactorAction } from "@/actions/account";

export type DealerTwoFactorRow = { id: string; companyName: string; required: boolean };

/**
 * One switch per dealer the user administers: require two-factor sign-in of its users. Each works
 * whatever the user's role in the dealer they are working on (the action is checked in the dealer
 * it names), and so does the dealer's settings page the row links to.
 */
export function DealerTwoFactor({ dealers }: { dealers: DealerTwoFactorRow[] }) {
  const router = useRouter();
  const runner = useActionRunner(setDealerTwoFactorAction);
  const toggle = async (d: DealerTwoFactorRow, required: boolean) => {
    const r = await runner.run(
      { dealerLinkId: d.id, required },
      required
        ? `${d.companyName} now requires two-factor sign-in`
        : `${d.companyName} no longer requires two-factor sign-in`,
    );
    if (r.ok) router.refresh();
  };
  return (
    <div className="space-y-3">
      <FormFailure failure={runner.failure} />
      <ul className="divide-y divide-slate-100">
        {dealers.map((d) => (
          <li key={d.id} className="flex items-center justify-between gap-3 py-2">
            <span className="flex flex-wrap items-baseline gap-x-3">
              <label htmlFor={`tf-${d.id}`} className="text-sm text-slate-800">
                Require two-factor sign-in for {d.companyName}
              </label>
              <Link
                href={`/settings?dealer=${encodeURIComponent(d.id)}`}
                className="text-xs text-indigo-700 hover:underline"
              >
                Settings of {d.companyName}
              </Link>
            </span>
            <input
              id={`tf-${d.id}`}
              type="checkbox"
              className="h-5 w-5 rounded border-slate-300 text-indigo-600 focus:ring-indigo-600"
              checked={d.required}
              disabled={runner.pending}
              onChange={(e) => void toggle(d, e.currentTarget.checked)}
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
