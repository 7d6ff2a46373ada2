import Link from "next/link";
import { ArrowRight } from "lucide-react";
import { Card } from "@/components/ui/card";

const LINKS = [
  { href: "/verifications", label: "Answer alarm verifications" },
  { href: "/sites", label: "Find or add a site" },
  { href: "/fleet", label: "Fleet health" },
  { href: "/stations", label: "Monitoring stations" },
  { href: "/dealer", label: "Dealer profile" },
];

export function QuickLinks() {
  return (
    <Card title="Quick links">
      <ul className="grid gap-2 text-sm sm:grid-cols-2">
        {LINKS.map((l) => (
          <li key={l.href}>
            <Link
              href={l.href}
              className={
                "inline-flex items-center gap-1 rounded font-medium text-indigo-700 " +
                "hover:text-indigo-900 hover:underline"
              }
            >
              {l.label} <ArrowRight className="h-3.5 w-3.5" aria-hidden="true" />
            </Link>
          </li>
        ))}
      </ul>
    </Card>
  );
}
