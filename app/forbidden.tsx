import Link from "next/link";
import { ShieldAlert } from "lucide-react";
import { buttonClasses } from "@/components/ui/button";

// Shown with HTTP 403 when a signed-in user opens a page their role does not include. Rendered
// inside the console shell (a <div>, since the shell already has the <main>).
export default function Forbidden() {
  return (
    <div className="flex flex-col items-center justify-center px-6 py-24 text-center">
      <ShieldAlert className="h-10 w-10 text-amber-500" aria-hidden="true" />
      <p className="mt-3 text-sm font-semibold text-amber-700">403 · Not allowed</p>
      <h1 className="mt-1 text-2xl font-semibold text-slate-900">You do not have access to this page</h1>
      <p className="mt-2 max-w-md text-sm text-slate-600">
        Your role does not include it. If you need it, ask an admin of your team to change your role.
      </p>
      <Link href="/" className={buttonClasses("primary", "md", "mt-6")}>
        Back to the dashboard
      </Link>
    </div>
  );
}
