import Link from "next/link";
import { signOutAction } from "@/lib/auth/actions";

/**
 * The way out of the set-up. By choice (from Account): back to the console. Required: the console stays
 * shut until it is done, so signing out is the only other way.
 */
export function SetupWayOut({ mustEnrol, next }: { mustEnrol: boolean; next: string }) {
  return mustEnrol ? (
    <form action={signOutAction} className="mt-6 text-center">
      <button type="submit" className="text-sm text-slate-600 underline hover:text-slate-900">
        Sign out instead
      </button>
    </form>
  ) : (
    <p className="mt-6 text-center">
      <Link href={next} className="text-sm text-slate-600 underline hover:text-slate-900">
        Not now, back to the console
      </Link>
    </p>
  );
}
