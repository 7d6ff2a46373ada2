import { TabNav } from "@/components/ui";

const VIEWS = {
  queue: { href: "/verifications", label: "Queue" },
  history: { href: "/verifications/history", label: "History" },
  report: { href: "/verifications/report", label: "Report" },
  settings: { href: "/verifications/settings", label: "Desk settings" },
} as const;

/** Queue | History | Report | Desk settings, as links so each view has its own URL. */
export function VerificationTabs({ current }: { current: keyof typeof VIEWS }) {
  return <TabNav label="Verification views" tabs={Object.values(VIEWS)} current={VIEWS[current].href} />;
}
