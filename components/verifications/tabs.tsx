import Link from "next/link";
import { cn } from "@/components/ui";

type Tab = "queue" | "history" | "report" | "settings";

/** Queue | History | Report | Settings, as links so each view has its own URL. */
export function VerificationTabs({ current }: { current: Tab }) {
  const tab = (key: Tab, href: string, label: string) => (
    <Link
      href={href}
      aria-current={current === key ? "page" : undefined}
      className={cn(
        "border-b-2 px-3 py-2 text-sm font-medium focus-visible:outline focus-visible:outline-2 " +
          "focus-visible:outline-indigo-600",
        current === key
          ? "border-indigo-600 text-indigo-700"
          : "border-transparent text-slate-600 hover:text-slate-900",
      )}
    >
      {label}
    </Link>
  );
  return (
    <nav aria-label="Verification views" className="mb-4 flex gap-2 border-b border-slate-200">
      {tab("queue", "/verifications", "Queue")}
      {tab("history", "/verifications/history", "History")}
      {tab("report", "/verifications/report", "Report")}
      {tab("settings", "/verifications/settings", "Settings")}
    </nav>
  );
}
