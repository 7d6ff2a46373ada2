import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";

export default function NotFound() {
  return (
    <main id="main" className="flex min-h-screen flex-col items-center justify-center px-6 text-center">
      <p className="text-sm font-semibold text-indigo-600">404</p>
      <h1 className="mt-2 text-2xl font-semibold text-slate-900">Page not found</h1>
      <p className="mt-2 text-sm text-slate-600">The address may be mistyped, or the page was moved.</p>
      <Link href="/" className={buttonClasses("primary", "md", "mt-6")}>
        Go to the dashboard
      </Link>
    </main>
  );
}
